"""What the campaigns area plugs into the shared kernel: menus, the panel on a rumour's
page, translation worklist fields, notification kinds, and the figures other areas may
read (indicator sources). Each concept registers in its own section."""

from __future__ import annotations

# --- campaigns ------------------------------------------------------------------


# --- participation ----------------------------------------------------------------


# --- activities and calendars -----------------------------------------------------


# --- reminders and feeds ----------------------------------------------------------


# --- summary and figures ----------------------------------------------------------
