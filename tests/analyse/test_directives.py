from __future__ import annotations

import re

import pytest

from briefing.analyse.directives import find_directives
from briefing.ingest import read_document
from briefing.ingest.repair import parse_text
from conftest import SAMPLE
from conftest import SIX

VERBS = ("强调", "指出", "强调", "指出", "强调", "指出")


def _check_sample(doc):
    headlines, others = find_directives(doc)
    assert [d.text[:len(s)] for d, s in zip(headlines, SIX)] == list(SIX)
    assert len(headlines) == 6
    assert {d.speaker for d in headlines} == {"习近平"}
    assert tuple(d.verb for d in headlines) == VERBS
    assert [d.rank for d in headlines] == [1, 2, 3, 4, 5, 6]
    for d in headlines:
        paragraph = doc.paragraphs[d.paragraph - 1].text
        assert paragraph.startswith("习近平") and d.text in paragraph
        assert d.text.endswith("。") and d.actions
    assert headlines[0].text == "要坚持把发展特色优势产业作为主攻方向，因地制宜发展新兴产业，加快西部地区产业转型升级。"
    assert "深化东中西部科技创新合作，建好国家自主创新示范区、科技成果转移转化示范区。" in headlines[0].actions
    assert not any("领导小组" in d.text for d in headlines)  # the closing organisational paragraph
    assert [o.speaker for o in others] == ["李强", "丁薛祥"]
    return headlines


def test_sample_six_directives():
    headlines = _check_sample(read_document(SAMPLE))
    assert all(d.highlighted for d in headlines)


def test_sample_without_the_sidebar_box():
    raw = SAMPLE.read_text(encoding="utf-8")
    without = re.sub(r"\n习近平强调——\n\n(?:- .*\n)+", "\n", raw)
    assert "习近平强调——" not in without and without.count("- 要坚持") == 0
    doc = parse_text(without, "no-box", "no-box-2024-04-23.txt", name="no-box-2024-04-23.txt")
    assert not doc.highlights
    headlines = _check_sample(doc)
    assert not any(d.highlighted for d in headlines)


def test_pronoun_resolves_to_the_speaker_named_last():
    text = ("标题\n\n李强指出，形势很好。\n\n王明指出，形势稳定。\n\n他强调，要抓好落实。\n\n"
            "王明指出，要稳住就业。\n\n李强表示，要扩大开放。\n")
    headlines, others = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.verb, d.text) for d in headlines] == [("王明", "强调", "要抓好落实。"), ("王明", "指出", "要稳住就业。")]
    # Remarks that are not instructions are still theirs, for the record; only instructions are headlines.
    assert [(d.speaker, d.text) for d in others] == [("李强", "形势很好。"), ("李强", "要扩大开放。")]


def test_achievements_and_principles_are_not_directives():
    text = ("标题\n\n习近平指出，5年来，各地取得重大成效。\n\n习近平强调，要坚持改革开放，推动发展。扩大开放。\n\n"
            "习近平最后强调，领导小组要加强统筹。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [d.text for d in headlines] == ["要坚持改革开放，推动发展。"]
    assert headlines[0].actions == ("扩大开放。",)


def test_a_mixed_document_is_read_paragraph_by_paragraph():
    text = ("标题\n\n习近平强调，要坚持开放合作，推动共同发展。\n\n"
            "Xi Jinping stressed that efforts should be made to deepen trade ties with Central Asia.\n\n"
            "习近平指出，要加快建设物流枢纽。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [
        ("习近平", "要坚持开放合作，推动共同发展。"),
        ("Xi Jinping", "efforts should be made to deepen trade ties with Central Asia."),
        ("习近平", "要加快建设物流枢纽。"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("标题\n\n会议强调，要重点抓好以下工作：一是稳就业；二是促消费；三是防风险。\n",
     [("会议", "强调", "稳就业", "numbered"), ("会议", "强调", "促消费", "numbered"), ("会议", "强调", "防风险。", "numbered")]),
    ("标题\n\n会议要求，今年要扎实做好以下工作：扩大有效投资；加快产业升级；保障改善民生。\n",
     [("会议", "要求", "扩大有效投资", "list-item"), ("会议", "要求", "加快产业升级", "list-item"),
      ("会议", "要求", "保障改善民生。", "list-item")]),
    ("标题\n\n会议认为，过去一年主要做了以下工作：一是经济增长5%；二是就业稳定。\n", []),
    ("标题\n\n全会指出，推进改革具有重要意义。\n\n全会强调，要深化改革。\n", [("全会", "强调", "要深化改革。", "lead")]),
])
def test_communique_and_work_report_forms(text, expected):
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.verb, d.text, d.kind) for d in headlines] == expected


def test_resolution_operative_clauses_not_preambular():
    text = ("Resolution 1\n\nThe Security Council,\n\nRecalling its earlier resolutions,\n\n"
            "Noting with concern that 2 million people are displaced,\n\n1. Decides to extend the mission;\n\n"
            "2. Calls upon Member States to contribute;\n\n3. Decides to remain seized of the matter.\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.verb, d.text) for d in headlines] == [
        ("the Security Council", "Decides", "Decides to extend the mission"),
        ("the Security Council", "Calls upon", "Calls upon Member States to contribute"),
        ("the Security Council", "Decides", "Decides to remain seized of the matter."),
    ]


def test_a_statement_of_numbered_paragraphs_without_blank_lines():
    """Hard-wrapped numbered paragraphs with no blank line between them; the commitment is often not the first
    sentence, and may open with what it is for."""
    text = ("Joint Statement of the Harbour Group\n\n"
            "1.  We, the Leaders of the Harbour Group, met in Valmont to take stock\n"
            "    of the year. Trade across our ports fell in the spring.\n"
            "2.  Shipping costs have doubled since 2024. To keep goods moving, we\n"
            "    will open a joint fund for port repairs. It will start in May.\n"
            "3.  Fishing stocks are under strain. We call on all members to publish\n"
            "    their catch figures every quarter.\n")
    document = parse_text(text, "x", "x.txt")
    assert [p.text[:3] for p in document.paragraphs] == ["1. ", "2. ", "3. "]
    headlines, _ = find_directives(document)
    assert [(d.speaker, d.verb, d.text) for d in headlines] == [
        ("Leaders", "will", "To keep goods moving, we will open a joint fund for port repairs."),
        ("Leaders", "call on", "We call on all members to publish their catch figures every quarter."),
    ]


def test_each_decision_a_body_takes_is_a_directive_of_its_own():
    text = ("Policy statement\n\n"
            "Since the Monetary Policy Board met in March, spending has picked up, while prices rose 3 percent. "
            "The Board will keep the "
            "deposit rate at 2 percent and watch wages closely. To support lending to small firms, the Board "
            "decided today to lower the reserve ratio by half a point. Moreover, the Board decided to end "
            "its bond purchases in June.\n\n"
            "The Board will review these steps at its next meeting.\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    board = "the Monetary Policy Board"  # the fullest name the document gives "the Board"
    assert [(d.speaker, d.verb) for d in headlines] == [(board, "will"), (board, "decided"), (board, "decided"),
                                                        (board, "will")]
    assert [d.text.split()[:4] for d in headlines] == [["The", "Board", "will", "keep"], ["To", "support", "lending", "to"],
                                                       ["Moreover,", "the", "Board", "decided"],
                                                       ["The", "Board", "will", "review"]]
    assert headlines[0].actions == ()  # a decision is no action of the commitment before it


def test_a_list_of_one_line_numbered_items_stays_a_list():
    """Only numbered paragraphs that wrap are split: a list of one-line items is still read as a list."""
    text = ("Notes\n\nThe council met on Monday and agreed its plan.\n\n1. first point\n2. second point\n"
            "3. third point\n\nThe text goes on here, as it should.\n")
    assert [p.text for p in parse_text(text, "x", "x.txt").paragraphs][1:4] == ["first point", "second point",
                                                                             "third point"]


def test_a_lead_may_state_a_premise_and_name_who_must_act():
    """A leader's lead that opens its paragraph may state a premise first; an instruction may name its subject."""
    text = ("周明远在临江调研时强调 推动港口转型\n\n"
            "本报临江6月3日电 省委书记周明远3日到临江调研。\n\n"
            "周明远强调，开放是港口城市的生命线。要加快建设内河航运枢纽，打通江海联运通道。\n\n"
            "周明远指出，临江要在绿色转型上走在前列，加快淘汰落后产能。\n\n"
            "周明远要求，各部门、各单位要主动靠前服务，推动项目早落地。\n\n"
            "周明远指出，同时要看到，一些企业创新能力还不强。\n\n"
            "在临江港调度中心，他指出要加快建设智慧港口，提升装卸效率。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.verb, d.text) for d in headlines] == [
        ("周明远", "强调", "要加快建设内河航运枢纽，打通江海联运通道。"),
        ("周明远", "指出", "临江要在绿色转型上走在前列，加快淘汰落后产能。"),
        ("周明远", "要求", "各部门、各单位要主动靠前服务，推动项目早落地。"),
        ("周明远", "指出", "要加快建设智慧港口，提升装卸效率。"),
    ]


def test_what_a_body_notes_is_not_an_instruction():
    """会议指出 with an observation, even with "各部门要" inside it, is what the meeting noted (as closing
    arrangements are); an assessment sentence first ("今年以来……总体平稳。") too, and a body's lead never skips it
    to a later sentence. A subject and 要 that open the sentence do instruct ("会议指出，宏观政策要持续用力")."""
    text = ("标题\n\n会议指出，汛期将至，各地各部门要提前做好准备。\n\n"
            "会议指出，今年以来全县经济运行总体平稳。要巩固向好势头。\n\n"
            "会议强调，要压实防汛责任。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [("会议", "要压实防汛责任。")]


def test_a_lead_that_announces_its_points_then_lists_them():
    """"提出了几项重点：一是…；二是…" lists the tasks; a later list of a draft's contents is someone else's."""
    text = ("省人代会开幕\n\n"
            "在对今年政府工作的建议中，王立川提出了几项重点：一是稳住工业基本盘；二是扩大有效投资；三是兜牢民生底线。\n\n"
            "说明指出，修改条例是完善地方立法的现实需要。条例修正草案共12条。一是完善立法原则；二是明确备案程序。\n")
    headlines, others = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [("王立川", "稳住工业基本盘"), ("王立川", "扩大有效投资"),
                                                         ("王立川", "兜牢民生底线。")]
    assert {d.speaker for d in others} <= {"说明"}


def test_a_readout_where_the_two_leaders_speak_together():
    """When the pair speak together, each of them is a principal; one leader's position is not an instruction."""
    text = ("Readout of the meeting between President Ana Sorel and Prime Minister Tomas Reyn\n\n"
            "President Ana Sorel met Prime Minister Tomas Reyn in Lisbon on Tuesday.\n\n"
            "The two leaders agreed that their finance ministers will meet before the end of the year.\n\n"
            "President Sorel committed to funding a new rail link between the two capitals.\n\n"
            "Prime Minister Reyn called for closer cooperation on fisheries.\n\n"
            "Prime Minister Reyn noted that the talks had been friendly.\n\n"
            "Prime Minister Reyn reiterated that his government will keep its ports open to all.\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.verb, d.text) for d in headlines] == [
        ("Leaders", "agreed", "their finance ministers will meet before the end of the year."),
        ("Ana Sorel", "committed to", "funding a new rail link between the two capitals."),
        ("Tomas Reyn", "called for", "closer cooperation on fisheries."),
    ]


def test_an_order_in_markdown_with_headings_on_their_own_lines():
    """"### SEC. 2. POLICY." on its own line, its body below; "**SEC. 3. REPORTS.** The …" inline; the signer's
    office from "I, NAME, Governor of …"."""
    text = ("**EXECUTIVE ORDER 2026-04**\n\n"
            "NOW, THEREFORE, I, ROSA VANTERPOOL, Governor of the State of Elm, do hereby order as follows:\n\n"
            "### SECTION 1. PURPOSE.\n\nThe purpose of this Order is to keep rural clinics open.\n\n"
            "### SEC. 2. POLICY.\n\nIt is the policy of the State that every county shall have a clinic.\n\n"
            "**SEC. 3. REPORTS.** The Department of Health shall report to the Governor within 90 days.\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [
        ("Rosa Vanterpool (Governor of the State of Elm)", "It is the policy of the State that every county shall have a clinic."),
        ("Rosa Vanterpool (Governor of the State of Elm)", "The Department of Health shall report to the Governor within 90 days."),
    ]
    assert "It is the policy" in parse_text(text, "x", "x.txt").paragraphs[headlines[0].paragraph - 1].text


def test_every_operative_verb_of_a_resolution_adverbs_and_all():
    text = ("Resolution 81/7\n\nThe General Assembly,\n\nRecalling its resolution 79/12,\n\n"
            "1. Notes that river fisheries feed some 60 million people;\n\n"
            "2. Welcomes the new catch registry;\n\n3. Also welcomes the work of regional bodies;\n\n"
            "4. Further welcomes the pledges of Member States;\n\n5. Strongly encourages donors to add to them.\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [d.verb for d in headlines] == ["Notes", "Welcomes", "Also welcomes", "Further welcomes",
                                           "Strongly encourages"]


def test_a_body_may_name_its_task_in_a_short_heading():
    text = ("标题\n\n会议要求，稳住就业基本盘。要落实落细稳岗政策，帮助高校毕业生尽早就业。\n\n"
            "会议强调，去年取得了显著成效。\n\n会议强调，守牢安全底线。要压实各方责任。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.text, d.actions) for d in headlines] == [
        ("稳住就业基本盘。", ("要落实落细稳岗政策，帮助高校毕业生尽早就业。",)),
        ("守牢安全底线。", ("要压实各方责任。",)),
    ]


def test_a_leader_may_say_whom_the_instruction_is_for():
    """"嘱托大家要……", "要求各地要……": whom it is for sits between the verb and the instruction."""
    text = ("周明远在临江调研\n\n本报临江6月3日电 省委书记周明远3日到临江调研。\n\n"
            "在青石村，周明远嘱托大家要把乡村旅游这篇文章做好，让村民的日子越过越红火。\n\n"
            "周明远要求各地要抓紧抓实防汛准备，确保群众安全。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.verb, d.text) for d in headlines] == [
        ("周明远", "嘱托", "要把乡村旅游这篇文章做好，让村民的日子越过越红火。"),
        ("周明远", "要求", "要抓紧抓实防汛准备，确保群众安全。"),
    ]


def test_he_is_the_leader_named_before_him_not_whom_or_when_he_spoke():
    """"总书记对大家说" names whom he spoke to and "总书记近日在…" when: neither is a person a later "他" points to;
    the leader named before his title is."""
    text = ("专题报道\n\n"
            "电视台消息：赵明远总书记近日在临川考察时的讲话，在当地干部群众中引起热烈反响。\n\n"
            "在村口的晒谷场上，赵明远总书记对大家说，日子越过越好，靠的是大家一起干。\n\n"
            "赵明远总书记来到湿地公园，察看候鸟栖息情况。他嘱托大家要守护好这片湿地，让候鸟年年都来。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [("赵明远", "要守护好这片湿地，让候鸟年年都来。")]


@pytest.mark.parametrize("opening, speaker", [
    ("By the authority vested in me as President by the Constitution and the laws of the Federated Isles, "
     "it is hereby ordered as follows:", "President of the Federated Isles"),
    ("By the authority vested in me as Governor of the State of Elm by the laws of this State, it is hereby "
     "ordered as follows:", "Governor of the State of Elm"),
    ("By the authority vested in me as Governor by the laws of the Commonwealth of Elm, it is hereby ordered as "
     "follows:", "Governor of the Commonwealth of Elm"),
    ("By the authority vested in me as President, it is hereby ordered as follows:", "the President"),
    ("NOW, THEREFORE, I, TOMAS REYN, Governor of the State of Elm, do hereby order as follows:",
     "Tomas Reyn (Governor of the State of Elm)"),
])
def test_an_order_is_given_by_its_signer_or_the_office_and_polity_it_names(opening, speaker):
    text = (f"Executive Order 12\n\n{opening}\n\nSection 1. Policy. Every county shall keep a clinic open.\n\n"
            "Sec. 2. Reports. The Department of Health shall report every quarter.\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert {d.speaker for d in headlines} == {speaker} and len(headlines) == 2


def test_a_body_that_stresses_may_say_what_a_thing_is_before_what_must_be_done():
    """"会议强调，X是……。必须……" gives the 必须 sentence; "会议指出，……。要……" is an assessment, and a subject's
    guiding line after a premise ("各级党组织要以……为指导") is not a task of its own."""
    text = ("县政府常务会议召开\n\n"
            "会议强调，粮食安全是县域发展的压舱石，是头等大事。必须把春耕备耕作为当前的中心工作，确保良种和农资供应到位。\n\n"
            "会议指出，今年以来全县经济运行平稳，态势向好。要巩固回升势头。\n\n"
            "会议强调，明年是规划收官之年，意义重大。各级党组织要以规划目标为指引，统筹推进各项工作。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [("会议", "必须把春耕备耕作为当前的中心工作，确保良种和农资供应到位。")]


def test_a_task_may_be_the_object_of_the_verb_and_the_speaker_may_be_left_out():
    """"他要求加强……" takes the task as its object; "总书记……作出部署，强调要……" is the sentence's subject speaking
    again. Neither makes "群众要求解决……" the leader's."""
    text = ("通讯\n\n"
            "周立群总书记来到水库大坝，察看渠系配套情况。他要求加强日常巡护，让水库长久发挥效益。\n\n"
            "今年以来，周立群总书记对发展林下经济作出部署，强调要因地制宜培育特色产业，带动群众增收。\n\n"
            "村里的群众要求解决灌溉用水问题。\n")
    headlines, others = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [
        ("周立群", "加强日常巡护，让水库长久发挥效益。"),
        ("周立群", "要因地制宜培育特色产业，带动群众增收。"),
    ]


def test_what_a_body_decides_is_a_directive_unless_it_says_how_to_carry_it_out():
    """"会议决定，设立……" is a directive whatever verb it opens with; when the body goes on to require what must
    be done to carry it out, that is the paragraph's directive. "做好X，事关Y" weighs a task, it sets none."""
    text = ("市政府常务会议召开\n\n"
            "会议指出，做好冬季供暖，事关群众温暖过冬。\n\n"
            "会议决定，设立市级种业发展基金，首期规模5亿元。\n\n"
            "会议还决定，延长小微企业租金减免政策一年。会议要求，要抓紧制定实施细则，确保政策直达市场主体。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [
        ("会议", "设立市级种业发展基金，首期规模5亿元。"),
        ("会议", "要抓紧制定实施细则，确保政策直达市场主体。"),
    ]


def test_a_quote_before_its_speaker_may_name_where_it_was_said_and_nobody_is_named_introduce():
    """"“要……。”X在座谈会上说的这句话" is X's; "负责人介绍" names no person a later 他 could be."""
    text = ("通讯\n\n"
            "孙立新来到产业园。园区负责人介绍，园区已入驻企业40家。他指出要把园区建成带动增收的平台。\n\n"
            "“要让返乡青年有事干、有奔头。”孙立新在座谈会上说的这句话，让青年们深受鼓舞。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [
        ("孙立新", "要把园区建成带动增收的平台。"),
        ("孙立新", "要让返乡青年有事干、有奔头。"),
    ]


def test_a_lettered_subsection_with_a_heading_of_its_own_holds_a_directive_of_its_own():
    """"(a) Membership. The Board shall …" is a unit as a section is; "(a) publish …" is an item of its section."""
    text = ("Executive Order 14\n\nBy the authority vested in me as President, it is hereby ordered as follows:\n\n"
            "Sec. 2. Rural Clinics Board. There is hereby established a Rural Clinics Board.\n\n"
            "(a) Membership. The Board shall consist of the Secretary of Health and four governors.\n\n"
            "(b) Administration. The Chair shall convene the Board every quarter.\n\n"
            "Sec. 3. Functions. The Board shall:\n\n(a) publish a yearly map of clinic closures; and\n\n"
            "(b) advise agencies on grants.\n\n"
            "Sec. 4. General Provisions. (a) Nothing in this order shall impair any agency.\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [d.text for d in headlines] == [
        "There is hereby established a Rural Clinics Board.",
        "The Board shall consist of the Secretary of Health and four governors.",
        "The Chair shall convene the Board every quarter.",
        "The Board shall:",
    ]


def test_what_a_step_will_do_is_a_forecast_not_a_commitment():
    """"stressed that this new step will advance …" forecasts; "stressed that we will …" commits."""
    text = ("Readout of the President's meeting with the Prime Minister\n\n"
            "President Ana Sorel stressed that this new agreement will lower shipping costs for both countries.\n\n"
            "President Sorel stressed that the two governments will meet again within six months.\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [d.text for d in headlines] == ["the two governments will meet again within six months."]


def test_an_obligation_may_open_a_clause_after_the_sentences_own_premise():
    """"X基础较好，……，要……" and "X是顽疾，必须……" instruct; "会议指出，X要……" too. Praise of what was done
    ("……下了很大功夫，要坚持做下去"), a list of principles and a sentence announcing a list do not."""
    text = ("调研报道\n\n"
            "韩启东强调，临川农业基础较好，水土条件优越，要着力打造现代农业示范区。\n\n"
            "韩启东指出，各村在人居环境整治上下了很大功夫，要坚持做下去。\n\n"
            "韩启东强调，推进城乡融合，必须把握好以下原则：坚持规划引领；坚持农民主体。\n\n"
            "韩启东要求，当前是防汛关键期，要重点抓好以下工作。\n\n"
            "一是各乡镇要落实巡查值守制度。\n\n二是各部门要备足抢险物资。\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [d.text for d in headlines] == ["临川农业基础较好，水土条件优越，要着力打造现代农业示范区。",
                                           "各乡镇要落实巡查值守制度。", "各部门要备足抢险物资。"]
    communique = ("常委会会议召开\n\n会议指出，形式主义是基层负担的顽疾，必须下大力气纠治。\n\n"
                  "会议指出，宏观调控政策要持续发力。要加强逆周期调节。\n")
    headlines, _ = find_directives(parse_text(communique, "x", "x.txt"))
    assert [d.text for d in headlines] == ["形式主义是基层负担的顽疾，必须下大力气纠治。", "宏观调控政策要持续发力。"]


def test_the_president_of_a_readout_is_the_first_president_it_names():
    """"The President called for …" in a readout of President Sorel's meeting with President Reyn is Sorel's."""
    text = ("Readout of President Ana Sorel's Meeting with President Tomas Reyn\n\n"
            "President Ana Sorel met President Tomas Reyn in Lisbon on Tuesday.\n\n"
            "The President called for closer cooperation on fisheries.\n")
    headlines, _ = find_directives(parse_text(text, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [("Ana Sorel", "closer cooperation on fisheries.")]


def test_english_instruments_notes_the_a_long_purpose_and_when_and_two_principals_in_one_paragraph():
    """"Notes the …" is operative; a commitment may open with a long purpose and then when ("To support …,
    over the coming months the Board will …"); in a readout, the pair's agreement after one leader's call in the
    same paragraph is a directive of its own."""
    resolution = ("Resolution 90/3\n\nThe General Assembly,\n\nNoting the work of the regional bodies,\n\n"
                  "1. Notes the recent accessions to the fisheries agreement;\n\n2. Requests a report on them.\n")
    headlines, _ = find_directives(parse_text(resolution, "x", "x.txt"))
    assert [d.verb for d in headlines] == ["Notes", "Requests"]
    purpose = "the steady working of the markets for the bonds of the provinces, the towns and the utilities"
    statement = ("Monetary Policy Statement\n\n"
                 "The Board decided today to keep the policy rate at 3 percent.\n\n"
                 f"To support {purpose}, over the coming months the Board will buy bonds of every province.\n")
    headlines, _ = find_directives(parse_text(statement, "x", "x.txt"))
    assert [d.text for d in headlines] == ["The Board decided today to keep the policy rate at 3 percent.",
                                           f"To support {purpose}, over the coming months the Board will buy bonds "
                                           "of every province."]
    readout = ("Readout of President Ana Sorel's Meeting with President Tomas Reyn\n\n"
               "President Ana Sorel met President Tomas Reyn in Lisbon on Tuesday.\n\n"
               "President Sorel called for closer cooperation on fisheries. The two leaders agreed to meet again "
               "in the spring.\n")
    headlines, _ = find_directives(parse_text(readout, "x", "x.txt"))
    assert [(d.speaker, d.text) for d in headlines] == [("Ana Sorel", "closer cooperation on fisheries."),
                                                         ("Leaders", "to meet again in the spring.")]
