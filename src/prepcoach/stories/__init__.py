"""The STAR story bank: stories, their YAML form, coverage and matching to questions, and their
store.
"""
