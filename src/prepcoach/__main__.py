from prepcoach.cli.main import run

run()
