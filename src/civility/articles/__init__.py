"""Articles and their tags: what readers comment on."""
