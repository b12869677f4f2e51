"""`prep story`: the STAR story bank."""
