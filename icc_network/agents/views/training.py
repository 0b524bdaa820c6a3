"""Programmes and modules, training sessions, enrolment and the waiting list, the roll call and calendars."""
