"""What a new site's 互动交流 column starts with (sites.column_tree names it): the 领导信箱 message
board, live, with the default configuration (all three kinds, 10 working days). The demo uses the
same function, so a demo board and a provisioned board are the same page."""

from __future__ import annotations

from cms.core.publishing import publish_page
from cms.interaction.models import MessageBoardPage

BOARD_TITLE = "领导信箱"
BOARD_SLUG = "liuyan"
BOARD_INTRO = (
    "<p>欢迎您通过领导信箱反映问题、提出建议。请如实填写姓名和联系电话，文明留言；"
    "涉及国家秘密、商业秘密、个人隐私的内容请勿填写。留言将在规定期限内答复，"
    "选择公开的留言及答复将在本栏目发布（隐去个人信息）。</p>"
)


def add_message_board(column) -> MessageBoardPage:
    """The column's board (created and published when it has none)."""
    board = MessageBoardPage.objects.child_of(column).filter(slug=BOARD_SLUG).first()
    if board is not None:
        return board
    board = MessageBoardPage(title=BOARD_TITLE, slug=BOARD_SLUG, intro=BOARD_INTRO)
    return publish_page(board, parent=column)
