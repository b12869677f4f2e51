"""Your data as a whole: opening the home (the database and the drafts of what is being typed
or edited), checking it (`doctor`), copying it (`backup`) and moving it (export and import).
"""
