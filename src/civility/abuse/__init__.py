"""Abuse controls: rate limits (and the reader's address they count by), the
comment form's defences against bots, the characters a text may not carry,
and the sign-in throttle. Small services the posting service and the doors
call; none of them decides what a comment says."""
