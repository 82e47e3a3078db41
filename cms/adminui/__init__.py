"""The admin as editors meet it (issue 15): the platform's own name and mark, dashboards per role,
a Chinese editor's guide behind 帮助, the page explorer's 更新时间 and order, one Chinese e-mail
per workflow event, and translations of the Wagtail strings its zh_Hans catalogue lacks."""
