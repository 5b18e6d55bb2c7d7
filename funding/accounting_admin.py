"""Admin for payments, spending reports and SiSa indicators (filled in below)."""
