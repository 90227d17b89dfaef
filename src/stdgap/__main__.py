from stdgap.cli.main import app

app(prog_name="stdgap")
