"""HTTP endpoints, one blueprint per concern; the views are thin."""
