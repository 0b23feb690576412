"""The app: command line, report, batch runs, notebook widgets, dashboard and findings."""
