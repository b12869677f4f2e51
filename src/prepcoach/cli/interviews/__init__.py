"""`prep interview`: interviews and interviewers."""
