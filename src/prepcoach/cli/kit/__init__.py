"""The second-round commands: `prep status`, `prep ask`, `prep research`, `prep salary`, `prep
sheet` and `prep export --anki/--csv`.
"""
