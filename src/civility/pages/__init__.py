"""The reader's pages: the home page, an article with its thread and comment
form, a tag's articles, and posting from that form (one of the posting
service's doors). The guidelines page is the guidelines app's."""
