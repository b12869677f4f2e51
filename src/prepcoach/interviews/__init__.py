"""Interviews and interviewers: the model, which interview "now" is about, the id-or-name lookup,
and their store.
"""
