"""`prep profile`: your name, email and signature."""
