"""Task -> higher target/task scoring: indicator, lexical, area, restatement; negatives."""

from __future__ import annotations

from cchc_kg.graph.link.lexical import Index, terms
from cchc_kg.graph.link.model import Item
from cchc_kg.graph.link.tasks import link_tasks, restatement

from .fixtures import CITY, lexicon


def task(text, *, area=None, iri="urn:low") -> Item:
    return Item(iri=iri, kind="task", doc="urn:ward", source="w", line=1, text=text, area=area)


def higher_items() -> list[Item]:
    items = [Item(iri=f"urn:t{i}", kind="target", doc="urn:city", source="c", line=t.line, text=t.text,
                  indicator=t.indicator, comparator=t.comparator, value=t.value, unit=t.unit, period=t.period)
             for i, t in enumerate(CITY.targets)]
    items += [Item(iri=f"urn:k{i}", kind="task", doc="urn:city", source="c", line=k.line, text=k.title, area=k.area)
              for i, k in enumerate(CITY.tasks)]
    return items


def test_terms_are_folded_ocr_tolerant_and_skip_boilerplate() -> None:
    assert "hai_long" in terms("Khảo sát sự hài lòng của người dân")
    assert terms("Khảo sát sự hài lòng") == terms("Khao sat su hai long")
    assert "thuc" not in terms("thực hiện số hóa") and "so_hoa" in terms("thực hiện số hóa")


def test_bm25_is_normalised_and_names_shared_phrases() -> None:
    idx = Index(["thanh toán trực tuyến phí, lệ phí", "bồi dưỡng cán bộ, công chức", "số hóa hồ sơ"])
    scores = idx.scores("Hướng dẫn người dân thanh toán trực tuyến")
    assert 0 < scores[0].score <= 1 and scores[1].score == 0
    assert scores[0].phrases[0] in ("thanh toan", "toan truc", "truc tuyen")


def test_restatement_needs_a_long_shared_run() -> None:
    assert restatement("Thực hiện số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại xã",
                       "thực hiện số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", min_words=6, share=0.5)
    assert restatement("Sửa chữa trụ sở, giải quyết thủ tục hành chính cho người dân tại bộ phận một cửa xã",
                       "Đổi mới việc tiếp nhận, giải quyết thủ tục hành chính, cung cấp dịch vụ công",
                       min_words=6, share=0.5) is None


def test_survey_task_serves_sipas_targets_directly() -> None:
    links = link_tasks([task("Trien khai khao sat, do luong su hai long cua nguoi dan doi voi phuong", area="direction")],
                       higher_items(), lexicon=lexicon())
    by = {lk.higher.text: lk for lk in links}
    assert by["Chỉ số SIPAS đạt tối thiểu 89%"].relation == "direct"
    assert "task names the target's indicator sipas" in by["Chỉ số SIPAS đạt tối thiểu 89%"].evidence
    assert all(lk.higher.indicator not in ("online_payment", "dti") for lk in links)


def test_payment_task_links_to_payment_target_not_to_civil_service() -> None:
    links = link_tasks([task("Huong dan nguoi dan thanh toan truc tuyen phi, le phi", area="digital_government")],
                       higher_items(), lexicon=lexicon())
    assert links and links[0].higher.indicator == "online_payment" and links[0].relation == "direct"
    assert not any(lk.higher.area == "civil_service" for lk in links)


def test_unrelated_task_links_to_nothing() -> None:
    assert link_tasks([task("Sua chua mai che nha van hoa to dan pho so 3", area="public_finance")],
                      higher_items(), lexicon=lexicon()) == []


def test_same_area_alone_is_only_supporting_or_nothing() -> None:
    links = link_tasks([task("Tổ chức hội nghị giao ban định kỳ hằng quý", area="direction")], higher_items(), lexicon=lexicon())
    assert all(lk.relation == "supporting" for lk in links)


def test_ranked_by_score_and_capped() -> None:
    links = link_tasks([task("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; thanh toán trực tuyến; khảo sát sự hài lòng của người dân")],
                       higher_items(), lexicon=lexicon())
    scores = [lk.score for lk in links]
    assert scores == sorted(scores, reverse=True) and len(links) <= 6
