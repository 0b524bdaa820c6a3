"""Each area adds `<area>.py` here with `generate(ctx)` and `pages(ctx)`.

`generate(ctx)` fills the database for ``ctx.scale``; `pages(ctx)` returns the
``Page`` specs to time. Optional: `extra(ctx)` returns rows of other measures
(a job's duration, say) as ``Measure`` objects.
"""
