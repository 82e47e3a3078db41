"""Public participation (政民互动) beyond the message board: 征集调查 consultations and surveys with
one answer per person and results after closing, and 在线访谈 online interviews with questions
collected beforehand and moderated before they are shown."""
