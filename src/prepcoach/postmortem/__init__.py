"""Post-mortems: the look back after an interview, its answers read by prompt kind, matching to
questions and stories, the text form, and its store.
"""
