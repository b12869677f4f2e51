"""Practice: which questions a session asks (plan), the feedback on an answer, spaced-repetition
scheduling, progress, and the sessions and attempts it stores.
"""
