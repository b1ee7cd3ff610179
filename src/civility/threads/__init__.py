"""What readers and editors do with a published thread, besides posting to it.

Reports (a reader says a published comment breaks a guideline; enough of
them return it to the moderators' queue), reactions ("Respect", one per
reader per comment), editors' picks (a moderator features a comment),
closing a thread by hand, the comment counts, and how a thread is laid out
for readers (replies under their parent, featured first, sorted). Every
write is one action function, one transaction, with its events after
commit (``signals.thread_changed``). docs/reader-side.md describes it all.

Who a reader is, without an account: ``visitor.py`` (a signed, random key
the browser keeps, and the reader's own comments).
"""
