"""Benchmarks: a data generator at three scales and a runner timing pages in-process."""
