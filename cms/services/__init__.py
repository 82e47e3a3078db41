"""办事指南 (service guides): the guide page with its ten required elements, the rule that refuses
publication while any is empty, and the 办事服务 column view organised by audience and topic."""
