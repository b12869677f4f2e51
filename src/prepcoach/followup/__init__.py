"""Follow-up emails: fields, templates (sandboxed Jinja2), the rendered draft, the checks before
sending, .eml/mailto/.ics output, and the sent-mail store.
"""
