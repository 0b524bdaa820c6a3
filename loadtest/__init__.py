"""Load tests: gunicorn on the benchmark database, driven by Locust over loopback HTTP."""
