"""The particulars a reply must state (条例 第三十六条), checked in one place for the admin answer
form (field errors) and for workflow.perform (a refused step):
- 第一项 already public: where and how the applicant can find it, with a link;
- 第五项 not this agency's to disclose: the agency that is, chosen from the cluster's
  organisations or typed, with its contact when known."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cms.requests.table_three import ReplyType

ALREADY_PUBLIC = "already_public"
OTHER_AGENCY = "other_agency"
# Which row of table 三 each particular belongs to: an already-public item is counted as
# 予以公开, an item another agency holds as 本机关不掌握.
PARTICULAR_REPLY_TYPES = {
    ALREADY_PUBLIC: ReplyType.DISCLOSED,
    OTHER_AGENCY: ReplyType.UNAVAILABLE_NOT_HELD,
}


def particular_errors(reply_type: str, data: Mapping[str, Any], *, own=None) -> dict[str, str]:
    """Field name → Chinese message for every particular that is missing or inconsistent."""
    particular = data.get("reply_particular") or ""
    if not particular:
        return {}
    errors: dict[str, str] = {}
    expected = PARTICULAR_REPLY_TYPES.get(particular)
    if expected is None:
        return {"reply_particular": "请选择有效的答复情形。"}
    if reply_type != expected:
        errors["reply_type"] = (
            f"该答复情形在年度报告中计入“{ReplyType(expected).label}”，请选择该答复类型。"
        )
    if particular == ALREADY_PUBLIC:
        if not (data.get("public_location") or "").strip():
            errors["public_location"] = (
                "已主动公开的，须告知申请人获取该信息的方式和途径（条例第三十六条第一项）。"
            )
        if not (data.get("public_url") or "").strip():
            errors["public_url"] = "请填写已公开信息的网址链接。"
    else:
        holder = data.get("holding_organisation")
        name = (data.get("holding_agency_name") or "").strip()
        if holder is None and not name:
            errors["holding_organisation"] = (
                "不属于本机关负责公开的，须告知负责公开该信息的机关（条例第三十六条第五项）："
                "请从列表中选择，或填写机关名称。"
            )
        elif holder is not None and name and name != holder.name:
            errors["holding_agency_name"] = "已从列表中选择机关的，无需再填写机关名称。"
        elif own is not None and holder is not None and holder.pk == own.pk:
            errors["holding_organisation"] = "负责公开的机关不能是本机关。"
        elif own is not None and name == own.name:
            errors["holding_agency_name"] = "负责公开的机关不能是本机关。"
    return errors
