"""The second-round kit: everything gathered for one interview (core), readiness, likely questions,
research, salary, the questions-to-ask shortlist, the prep sheet and flashcards, with their
stores.
"""
