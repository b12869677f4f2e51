"""`prep followup`: draft, check and send the thank-you or follow-up email."""
