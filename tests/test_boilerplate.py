"""Boilerplate rules (issue 4): real furniture lines in twelve languages, the
page structure that finds menus and teaser lists, what is never removed, the
configuration hooks, and the benchmark's scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanse

from .conftest import load_benchmark

ROOT = Path(__file__).resolve().parent.parent
BOILERPLATE = {"select": ["boilerplate"], "readability": False}

HEADLINE = "Central Bank Holds Rates as Inflation Cools for a Third Month"
STANDFIRST = "Policymakers signalled that cuts could come in the spring if wage growth keeps slowing."
PARAGRAPH = ("The central bank left its main interest rate unchanged at 4.25% on Thursday, pointing to a third "
             "consecutive month in which consumer prices rose more slowly than forecast.")
CLOSING = "Retailers welcomed the decision, although business groups warned that energy costs were still high."


def removals(text: str, config: dict | None = None) -> dict[str, str]:
    """Removed line text -> rule id (whole-line removals only)."""
    result = cleanse.clean(text, config or BOILERPLATE)
    out = {}
    for finding in result.findings:
        if finding.replacement == "":
            line = text[finding.start : finding.end].strip()
            if "\n" not in line:
                out.setdefault(line, finding.rule)
    return out


def in_article(line: str) -> str:
    return f"{HEADLINE}\n\n{STANDFIRST}\n\n{PARAGRAPH}\n\n{line}\n\n{CLOSING}\n"


# One real furniture line per language and rule, each inside an article.
LINE_CASES = [
    # BOI001 social icons and network rows
    ("en", "icon-facebook icon-twitter icon-whatsapp", "BOI001"),
    ("ru", "ВКонтакте Одноклассники Telegram", "BOI001"),
    ("ar", "فيسبوك تويتر يوتيوب", "BOI001"),
    # BOI002 share, follow, subscribe, newsletter
    ("es", "🔗 Comparte este artículo", "BOI002"),
    ("pt", "Compartilhe esta notícia", "BOI002"),
    ("fr", "Partager cet article", "BOI002"),
    ("de", "Artikel teilen", "BOI002"),
    ("it", "Condividi su WhatsApp", "BOI002"),
    ("pl", "Udostępnij artykuł", "BOI002"),
    ("tr", "Haberi paylaş", "BOI002"),
    ("zh", "分享到微信", "BOI002"),
    ("ja", "この記事をシェアする", "BOI002"),
    ("en", "Sign up for our free morning newsletter and get the day’s top stories in your inbox.", "BOI002"),
    ("de", "Melden Sie sich für unseren Newsletter an und erhalten Sie die wichtigsten Nachrichten.", "BOI002"),
    ("ru", "Подписывайтесь на наш канал в Telegram, чтобы быть в курсе событий.", "BOI002"),
    ("ja", "メールマガジンに登録すると、最新ニュースをお届けします。", "BOI002"),
    # BOI003 inline teaser
    ("en", "RELATED: Venezuela Strengthens Security Alliances With Netherlands and Russia", "BOI003"),
    ("tr", "İlgili haberler: Kış lastiği uygulaması başladı", "BOI003"),
    ("ja", "関連記事: 年末年始の新幹線予約始まる", "BOI003"),
    # BOI004 bylines
    ("en", "By Laura Bennett", "BOI004"),
    ("es", "Por María López", "BOI004"),
    ("de", "Von Anna Schmidt", "BOI004"),
    ("ru", "Автор: Мария Иванова", "BOI004"),
    ("ar", "بقلم: أحمد محمود", "BOI004"),
    ("zh", "记者 张伟", "BOI004"),
    ("ja", "佐藤花子記者", "BOI004"),
    # BOI005 source credits
    ("es", "Fuente: EFE", "BOI005"),
    ("de", "Mit Material von dpa und AFP", "BOI005"),
    ("ru", "Источник: ТАСС", "BOI005"),
    ("zh", "来源：新华社", "BOI005"),
    # BOI006 photo credit lines
    ("pl", "Fot. PAP", "BOI006"),
    ("fr", "Photo : AFP", "BOI006"),
    ("ja", "写真：共同通信", "BOI006"),
    ("ru", "Фото: пресс-служба", "BOI006"),
    # BOI008 dates, relative and reading times
    ("en", "January 16, 2026 Hour: 3:59 pm", "BOI008"),
    ("es", "Hace 37 horas", "BOI008"),
    ("de", "Lesezeit: 4 Min.", "BOI008"),
    ("fr", "Publié le 16 janvier 2026 à 10h32", "BOI008"),
    ("ar", "نشر في 11 يونيو 2026", "BOI008"),
    ("zh", "发布时间：2026-11-16 09:45", "BOI008"),
    ("ja", "2026年3月11日（火曜日） 10時32分", "BOI008"),
    ("nl", "Gepubliceerd op 14 maart 2024 om 10:32", "BOI008"),
    ("cs", "Aktualizováno 14. března 2024", "BOI008"),
    ("ko", "2024년 3월 14일 오전 10:32", "BOI008"),
    ("uk", "Опубліковано 14 березня 2024", "BOI008"),
    ("fi", "Julkaistu 14.3.2024 klo 10.32", "BOI008"),
    ("el", "Δημοσίευση: 14 Μαρτίου 2024, 10:32", "BOI008"),
    ("id", "Diperbarui 14 Maret 2024, 10:32 WIB", "BOI008"),
    ("he", "פורסם: 14 במרץ 2024", "BOI008"),
    ("sv", "för 3 timmar sedan", "BOI008"),
    # BOI011 navigation links and breadcrumbs
    ("de", "Impressum", "BOI011"),
    ("es", "Portada › Tecnología", "BOI011"),
    ("en", "News · World · Business · Sport · Weather", "BOI011"),
    ("ja", "プライバシーポリシー", "BOI011"),
    # BOI012 consent banners and copyright lines
    ("en", "We use cookies to improve your experience on our site and to show you relevant advertising.", "BOI012"),
    ("fr", "En poursuivant votre navigation, vous acceptez l'utilisation de cookies.", "BOI012"),
    ("pl", "Używamy plików cookies, aby ułatwić Ci korzystanie z naszego serwisu.", "BOI012"),
    ("es", "© 2026 El Diario del Sur. Todos los derechos reservados.", "BOI012"),
    ("zh", "© 2026 今日资讯 京ICP备12345678号", "BOI012"),
    # BOI013 ad labels
    ("en", "ADVERTISEMENT", "BOI013"),
    ("es", "Publicidad", "BOI013"),
    ("ru", "Реклама", "BOI013"),
    ("tr", "İlan", "BOI013"),
    ("ja", "広告", "BOI013"),
    # BOI014 comment prompts and counters
    ("en", "Comments (34)", "BOI014"),
    ("pt", "Deixe seu comentário", "BOI014"),
    ("zh", "12条评论", "BOI014"),
    # BOI015 tag lists
    ("es", "Etiquetas: Sanidad, Economía, Madrid", "BOI015"),
    ("de", "Themen: Mietrecht, Bundestag", "BOI015"),
    ("ru", "Теги: Экономика, Центробанк", "BOI015"),
    # BOI016 link lines
    ("en", "👉 https://t.me/example_channel", "BOI016"),
]


@pytest.mark.parametrize(("lang", "line", "rule"), LINE_CASES, ids=[f"{c[2]}-{c[0]}-{i}" for i, c in enumerate(LINE_CASES)])
def test_furniture_line_is_removed_with_its_rule(lang: str, line: str, rule: str) -> None:
    text = in_article(line)
    removed = removals(text)
    assert removed == {line: rule}, removed
    assert cleanse.clean(text, BOILERPLATE).text == in_article("").replace("\n\n\n\n", "\n\n")


# A date written out, with nothing else on the page that a phrase names as
# furniture, is the text's own: minutes, a notice, a diary.
@pytest.mark.parametrize(("title", "date"), [
    ("Notulen ledenvergadering VvE Parkzicht", "12 maart 2025"),
    ("Польові записи фольклорної експедиції", "Липень 2023 року"),
    ("Popis tratí, 3. závod — Borový vrch", "Neděle 21. dubna 2024"),
    ("Minutes of the Harbour Committee", "Tuesday 4 March 2025"),
    ("関西支部 定例会 議事録", "2026年3月11日（火曜日）"),
    ("محضر اجتماع لجنة الحي", "الثلاثاء 11 يونيو 2026"),
])
def test_written_date_of_a_plain_text_stays(title: str, date: str) -> None:
    text = f"{title}\n{date}\n\n{PARAGRAPH}\n\n{CLOSING}\n"
    assert removals(text) == {}
    # On a page with a share line, the same date is the page's.
    assert removals(text + "Share this article\n") == {date: "BOI008", "Share this article": "BOI002"}


@pytest.mark.parametrize("date", ["Fri Jan 16 2026", "Published 16 January 2026", "2026-01-16",
                                  "16 января 2026, 10:32", "Aktualisiert am 3. März 2024", "3 hours ago"])
def test_scraper_date_goes_from_a_plain_text(date: str) -> None:
    # Cut short, labelled, numeric, with a clock or relative: a page's date.
    text = f"Minutes of the Harbour Committee\n{date}\n\n{PARAGRAPH}\n\n{CLOSING}\n"
    assert removals(text) == {date: "BOI008"}


@pytest.mark.parametrize("metadata", [
    "Jana Marková | 28. srpna 2024 | 6:00",
    "Iniciado por rafa_mg · 12 de março de 2024 · 7 respostas",
    "Napsal Tomáš · 14. 2. 2024 · 5 min čtení",
    "Redacción · 16 de enero de 2026 · 4 comentarios",
])
def test_metadata_line_of_short_fields_around_a_date_goes(metadata: str) -> None:
    text = f"{metadata}\n{HEADLINE}\n{STANDFIRST}\n{PARAGRAPH}\n{CLOSING}\n"
    assert removals(text) == {metadata: "BOI008"}
    # Where the headline is looked for too: a sentence of furniture over the title.
    above = f"{metadata}\n{STANDFIRST}\n{HEADLINE}\n{PARAGRAPH}\n{CLOSING}\n"
    assert removals(above)[metadata] == "BOI008"


def test_fields_around_a_date_in_a_table_or_the_body_stay() -> None:
    schedule = "Monday | 14 March 2025 | Opening night\nTuesday | 15 March 2025 | Matinee\n"
    assert removals(f"{schedule}{HEADLINE}\n{STANDFIRST}\n{PARAGRAPH}\n{CLOSING}\n") == {}
    body = "Premiere · 14 March 2025 · Main stage"
    assert removals(f"{HEADLINE}\n{STANDFIRST}\n{PARAGRAPH}\n{body}\n{PARAGRAPH} Again.\n{CLOSING}\n") == {}


@pytest.mark.parametrize("disclosure", [
    "This post may contain affiliate links. As an Amazon Associate I earn from qualifying purchases.",
    "Dieser Beitrag enthält Affiliate-Links: Wenn du darüber kaufst, erhalten wir eine kleine Provision.",
    "Tento článek obsahuje affiliate odkazy. Pokud přes ně nakoupíte, dostaneme malou provizi.",
    "※本ページはプロモーションが含まれています",
])
def test_affiliate_disclosure_goes(disclosure: str) -> None:
    assert removals(in_article(disclosure)) == {disclosure: "BOI013"}


def test_sentence_about_affiliate_links_stays() -> None:
    about = ("Bloggers earn money through affiliate links, which pay a small commission when a reader buys "
             "something they recommend.")
    quoted = '"This post may contain affiliate links" is the line most food blogs open with.'
    assert removals(in_article(about)) == {} and removals(in_article(quoted)) == {}


@pytest.mark.parametrize(("body", "credit"), [
    (PARAGRAPH, " Photo: Reuters."),
    ("Gospodarze objęli prowadzenie w pierwszej połowie, jednak Legia wyrównała tuż po przerwie.", " (Fot. Reuters)"),
    ("Biologen der Universität Freiburg haben im Schwarzwald eine bislang unbekannte Ameisenart beschrieben.",
     " Foto: dpa."),
    ("央行有关负责人表示，此举旨在保持流动性合理充裕，降低企业融资成本。", "（新华社记者 张伟 摄）"),
])
def test_caption_repeating_a_body_line_is_removed(body: str, credit: str) -> None:
    text = f"{HEADLINE}\n\n{STANDFIRST}\n\n{body}{credit}\n\n{body}\n\n{CLOSING}\n"
    result = cleanse.clean(text, BOILERPLATE)
    assert {f.rule for f in result.findings if f.line == 5} >= {"BOI007"}
    assert result.text.count(body) == 1 and credit.strip() not in result.text


def test_trailing_credit_is_cut_from_a_caption_that_repeats_nothing() -> None:
    caption = "Protesters gather outside parliament in Caracas."
    text = in_article(f"{caption} Foto: EFE.")
    result = cleanse.clean(text, BOILERPLATE)
    assert [f.rule for f in result.findings] == ["BOI006"]
    assert f"{caption}\n" in result.text and "EFE" not in result.text


def test_a_paragraph_scraped_twice_is_removed_once() -> None:
    paragraph = "La Junta estudia ahora la compra de los terrenos para abrir el yacimiento al público."
    text = f"{HEADLINE}\n\n{paragraph}\n\n{PARAGRAPH}\n\n{paragraph}\n"
    assert removals(text) == {paragraph: "BOI009"}


def test_icon_row_right_under_a_long_headline_is_removed() -> None:
    """A lowercase line under a long line may continue a hard-wrapped sentence;
    a headline followed by `icon-facebook ...` is no sentence, so the row is still furniture."""
    headline = "Kremlin Welcomes European Call to Resume Dialogue with Russia After Months of Tension"
    text = f"{headline}\nicon-facebook icon-twitter icon-whatsapp\n{STANDFIRST}\n{PARAGRAPH}\n"
    assert removals(text) == {"icon-facebook icon-twitter icon-whatsapp": "BOI001"}


def test_teasers_under_a_label_are_removed_with_their_dates() -> None:
    text = (f"{HEADLINE}\n{STANDFIRST}\n{PARAGRAPH}\n{CLOSING}\n"
            "Lo más leído\n1. Hacienda amplía el plazo para la declaración de la renta\nHace 3 horas\n"
            "2. El precio de la luz baja mañana un 12 %\nHace 5 horas\n")
    removed = removals(text)
    assert removed["Lo más leído"] == "BOI003"
    assert removed["1. Hacienda amplía el plazo para la declaración de la renta"] == "BOI003"
    assert removed["2. El precio de la luz baja mañana un 12 %"] == "BOI003"
    assert removed["Hace 5 horas"] == "BOI008"
    assert HEADLINE not in removed and CLOSING not in removed


def test_chinese_teasers_under_a_label() -> None:
    text = ("央行宣布下调存款准备金率0.5个百分点\n此次调整预计将释放长期资金约一万亿元，以支持实体经济发展。\n"
            "中国人民银行周五宣布，自下月起下调金融机构存款准备金率0.5个百分点。\n"
            "相关新闻\n全国大部地区气温回升\n多地发布最新购房政策\n")
    removed = removals(text)
    assert removed == {"相关新闻": "BOI003", "全国大部地区气温回升": "BOI003", "多地发布最新购房政策": "BOI003"}


def test_table_header_over_figures_is_no_menu() -> None:
    text = (f"{HEADLINE}\n{STANDFIRST}\n{PARAGRAPH}\n"
            "Region | Households | Share\nNorth | 1,204 | 31%\nSouth | 980 | 25%\n"
            f"{CLOSING}\nNews | World | Sport\n")
    removed = removals(text)
    assert "Region | Households | Share" not in removed
    assert removed["News | World | Sport"] == "BOI011"


def test_transcript_aside_is_no_comment_counter() -> None:
    text = (f"{HEADLINE}\n{STANDFIRST}\n{PARAGRAPH}\n(Comments)\n{CLOSING}\n"
            "(Kommentare)\nComments (14)\n")
    removed = removals(text)
    assert "(Comments)" not in removed and "(Kommentare)" not in removed
    assert removed["Comments (14)"] == "BOI014"


def test_section_heading_repeating_its_contents_entry_stays() -> None:
    contents = ["1. What did the harbour survey measure, and how often was it carried out?",
                "2. Which of the boat owners and harbour staff answered its questions?",
                "3. What comes next for the harbour after the survey has been published?"]
    text = ("What this report contains:\n" + "\n".join(contents) + "\n\n"
            f"{contents[0]}\n{PARAGRAPH}\n\n{contents[2]}\n{CLOSING}\n")
    assert removals(text) == {}
    # A block of entries scraped twice, each on its own: the repeats still go.
    twice = f"{STANDFIRST}\n\n" + "\n\n".join(contents * 2) + f"\n\n{PARAGRAPH}\n"
    assert removals(twice) == dict.fromkeys(contents, "BOI009")


# A German article that heads its sections (`Was die Forscher messen` over
# prose), with a teaser list in the body and a line under it.
WADDEN_SEA = ("Wattenmeer: Seehunde kehren an die Küste zurück\n"
              "Die Zahl der Seehunde im Wattenmeer ist im vergangenen Jahr deutlich gestiegen, melden die Forscher.\n"
              "Was die Forscher messen\n"
              "Zweimal im Jahr zählen Teams aus drei Ländern die Tiere von Flugzeugen aus, jeweils bei Niedrigwasser.\n"
              "Mehr zum Thema\n"
              "Neue Schutzzonen für Zugvögel an der Elbmündung geplant\n"
              "Fischer klagen über sinkende Fangquoten in der Nordsee\n"
              "{under_teasers}\n"
              "Die Zählungen kosten jedes Jahr rund 400.000 Euro, die sich die drei Staaten teilen.\n"
              "Die Forscher halten das für gut angelegtes Geld, weil die Daten seit 1975 vergleichbar sind.\n")


def test_section_heading_after_a_teaser_list_stays() -> None:
    # After `Mehr zum Thema` and its two teasers, `Kosten und Nutzen` is
    # shorter than both and has the next section's paragraphs under it.
    text = WADDEN_SEA.format(under_teasers="Kosten und Nutzen")
    removed = removals(text)
    assert removed == {"Mehr zum Thema": "BOI003",
                       "Neue Schutzzonen für Zugvögel an der Elbmündung geplant": "BOI003",
                       "Fischer klagen über sinkende Fangquoten in der Nordsee": "BOI003"}


def test_last_teaser_over_the_body_goes_when_no_shorter_than_the_others() -> None:
    # The line under the teasers is as long as they are: a third teaser,
    # whatever follows it.
    text = WADDEN_SEA.format(under_teasers="Warum die Krabbenpreise an der Küste wieder steigen")
    assert removals(text)["Warum die Krabbenpreise an der Küste wieder steigen"] == "BOI003"


def test_short_line_heading_a_list_is_no_menu_item() -> None:
    # A live page: `Live` and a timestamp are furniture, `Highlights` names the
    # three items under it as `Highlights:` would.
    text = ("Home\nNews\nSport\n"
            "Wildfire forces evacuation of three villages near Marseille\n"
            "Live\nUpdated 10 minutes ago\nHighlights\n"
            "About 1,200 residents have left their homes since the morning\n"
            "Firefighters are using water bombers over the hills north of the city\n"
            "The motorway to Aix-en-Provence is closed in both directions\n"
            "The fire broke out just after noon in dry scrubland, according to the local prefecture.\n"
            "Officials say the strong mistral wind makes the blaze hard to contain this afternoon.\n")
    removed = removals(text)
    assert "Highlights" not in removed
    assert removed["Live"] == "BOI011" and removed["Updated 10 minutes ago"] == "BOI008"


DUMP = """Skip to main content
Daily Courier
Sign in
News
World
Business
Science
Sport
Homepage » Science
Rates Hold
{standfirst}
By Laura Bennett, Economics Correspondent
Share
{paragraph}
What the markets expect
Traders now price in two quarter-point cuts before the summer, up from one a week ago.
Key Points:
Inflation fell to 2.9% in October
Wage growth slowed to 4.1%
The vote to hold rates was 7 to 2
“We are not declaring victory, but the direction is clear,” Marsh said.
{closing}
Most shared
Energy bills set to fall in April as price cap drops
Teachers vote to accept pay offer after months of talks
Storm warning issued for coastal areas this weekend
Follow us
Facebook
Instagram
YouTube
About us
Contact us
Careers
© 2026 Daily Courier. All rights reserved.
This website uses cookies to ensure you get the best experience.
Accept all
Reject
"""


def page_dump() -> str:
    return DUMP.format(standfirst=STANDFIRST, paragraph=PARAGRAPH, closing=CLOSING)


def test_page_dump_keeps_exactly_the_article() -> None:
    text = page_dump()
    result = cleanse.clean(text, BOILERPLATE)
    kept = result.text.splitlines()
    assert kept == [
        "Rates Hold", STANDFIRST, PARAGRAPH, "What the markets expect",
        "Traders now price in two quarter-point cuts before the summer, up from one a week ago.",
        "Key Points:", "Inflation fell to 2.9% in October", "Wage growth slowed to 4.1%",
        "The vote to hold rates was 7 to 2",
        "“We are not declaring victory, but the direction is clear,” Marsh said.", CLOSING,
    ]


def test_page_dump_rules_say_why() -> None:
    removed = removals(page_dump())
    assert removed["News"] == "BOI011"  # a menu run of short lines
    assert removed["Daily Courier"] == "BOI011"  # the masthead, inside the run
    assert removed["By Laura Bennett, Economics Correspondent"] == "BOI004"
    assert removed["Energy bills set to fall in April as price cap drops"] == "BOI003"
    assert removed["Facebook"] == "BOI001"  # a button under `Follow us`
    assert removed["© 2026 Daily Courier. All rights reserved."] == "BOI012"
    assert removed["Accept all"] == "BOI011"


def test_russian_menu_run_and_footer() -> None:
    text = ("Главная\nПолитика\nЭкономика\nСпорт\nКультура\n"
            "Центробанк сохранил ключевую ставку на уровне 16%\n"
            "Регулятор допустил снижение ставки в следующем году, если инфляция продолжит замедляться.\n"
            "Совет директоров Банка России в пятницу сохранил ключевую ставку на уровне 16% годовых.\n"
            "О проекте\nКонтакты\nВакансии\nКарта сайта\n")
    result = cleanse.clean(text, BOILERPLATE)
    assert result.text.splitlines() == text.splitlines()[5:8]


# ---------------------------------------------------------------- never removed
def test_short_headline_after_a_menu_is_kept() -> None:
    """`Rates Hold` is as short as a menu item; it is the line before the first prose line."""
    assert "Rates Hold" in cleanse.clean(page_dump(), BOILERPLATE).text.splitlines()


def test_in_body_headings_bullets_and_quotes_are_kept() -> None:
    text = (f"{HEADLINE}\n\n{STANDFIRST}\n\n{PARAGRAPH}\n\nWhat comes next\n\n{CLOSING}\n\n"
            "Their advice for new bakers:\n- Use a thermometer\n- Buy local flour\n- Rest the dough\n\n"
            "“Nobody is against nicer streets,” said Priya Shah.\n\n"
            "Background\n\nThe council has promised a review after 12 months.\n")
    result = cleanse.clean(text, BOILERPLATE)
    assert result.text == text
    assert not [f for f in result.findings if f.replacement == ""]


def test_unmarked_list_after_an_introduction_is_kept() -> None:
    """A page dump loses bullet markers; the `:` line before the items says they are content."""
    text = (f"{HEADLINE}\n{STANDFIRST}\n{PARAGRAPH}\nLe regole principali:\nTicket online\nEsenti i residenti\n"
            f"Multe da 50 euro\n{CLOSING}\n")
    assert cleanse.clean(text, BOILERPLATE).text == text


def test_hard_wrapped_paragraph_after_a_related_label_is_kept() -> None:
    paragraph = ("Kurul açıklamasında, talepteki yavaşlamanın enflasyonu düşürmeye\n"
                 "yardımcı olduğunu ancak fiyatlama davranışlarındaki katılığın sürdüğünü\n"
                 "belirtti.\n")
    text = (f"Merkez Bankası faizi sabit tuttu\n\nBanka, enflasyondaki düşüş sürerse indirime gidebilir.\n\n"
            f"Benzer haberler\n\nHafta sonu hava nasıl olacak\n\n{paragraph}\nPiyasaların tepkisi\n\n"
            "Kurulun bir sonraki toplantısı aralık ayında yapılacak.\n")
    result = cleanse.clean(text, BOILERPLATE)
    assert paragraph in result.text
    assert "Piyasaların tepkisi" in result.text
    assert set(removals(text)) == {"Benzer haberler", "Hafta sonu hava nasıl olacak"}


@pytest.mark.parametrize("line", [
    "The regulator said websites must ask before they store cookies on a visitor's device.",
    "Comments from the minister angered the opposition.",
    "Topics: the committee discussed three issues.",
    "Advertisement revenue rose 4% last year.",
    "Share prices fell sharply on Monday after the announcement.",
    "By the end of the year, prices had doubled.",
    "Source: a government official said the talks had stalled.",
    "On January 16, 2026, the talks resumed in Geneva.",
    "The banner read: “We use cookies to improve your experience.” Nobody clicked it.",
    "Flags: `By continuing to browse this site, you agree to our use of cookies.`",
    "Copyright law was changed in 1998 after a long debate.",
])
def test_sentences_that_mention_furniture_are_kept(line: str) -> None:
    text = in_article(line)
    assert cleanse.clean(text, BOILERPLATE).text == text


@pytest.mark.parametrize(("line", "rule"), [
    ("شارك على فيسبوك", "BOI002"),
    ("Facebook'ta paylaş", "BOI002"),
    ("X'te paylaş", "BOI002"),
    ("Síguenos en Instagram y Facebook", "BOI002"),
    ("Teilen per WhatsApp", "BOI002"),
    ("Bu haber 3.412 kez okundu.", "BOI017"),
    ("★★★★★ 4.9 from 311 votes", "BOI017"),
    ("★★★★☆ 4,6 (128 avaliações)", "BOI017"),
    ("12.3k views", "BOI017"),
    ("1234次阅读", "BOI017"),
    ("Просмотров: 1 245", "BOI017"),
    ("You must be logged in to post a comment.", "BOI014"),
    ("Yorum yazmak için giriş yapın.", "BOI014"),
])
def test_share_buttons_counters_and_log_in_prompts_go(line: str, rule: str) -> None:
    assert removals(in_article(line)) == {line: rule}


@pytest.mark.parametrize("line", [
    "Share your story on Instagram",  # a sentence's words between the call and the network
    "Share on the Facebook page",
    "Views",  # a counter's word without its figure is a heading
    "The video passed 3 million views in a day.",
    "Reply",  # once on a page: the text means it
])
def test_lines_like_buttons_and_counters_stay(line: str) -> None:
    text = in_article(line)
    assert cleanse.clean(text, BOILERPLATE).text == text


@pytest.mark.parametrize(("line", "rule"), [
    ("Lyssna på artikeln", "BOI018"),
    ("Listen to this article", "BOI018"),
    ("Adicionar ao carrinho", "BOI018"),
    ("In den Warenkorb", "BOI018"),
    ("Przejdź do przepisu", "BOI018"),
    ("Heeft u een tip of een fout gezien? Mail naar tips@utrechtsnieuwsblad.nl.", "BOI018"),
    ("Encontrou algum erro? Entre em contato com a redação.", "BOI018"),
    ("Нашли опечатку? Выделите её и нажмите Ctrl+Enter", "BOI018"),
    ("This article is republished from The Conversation under a Creative Commons license. Read the original "
     "article.", "BOI005"),
    ("Dit artikel verscheen eerder in het septembernummer van Fietsvakantie Magazine.", "BOI005"),
    ("Bu yazı ilk olarak Sinema Defteri dergisinin Mart 2024 sayısında yayımlanmıştır.", "BOI005"),
    ("Tags: Pantanal, seca, rio Paraguai, meio ambiente", "BOI015"),  # tags in lowercase after `Tags`
    ("Tagi: nieruchomości, mieszkania, księga wieczysta, poradnik", "BOI015"),
    ("Meer over: Wonen, Huurcommissie, Utrecht", "BOI015"),
    ("Czytaj także: Wspólnota mieszkaniowa a spółdzielnia. Czym się różnią?", "BOI003"),  # a question headline
    ("Vandaag, 14:32 · Aangepast vandaag, 16:05", "BOI008"),
    ("Yesterday at 9:15 PM", "BOI008"),
    ("Сегодня, 14:32", "BOI008"),
    ("Giriş: 12.01.2024 09:00", "BOI008"),
    ("Senast uppdaterad: 2023-12-01", "BOI008"),
    ("Avaliações (128)", "BOI017"),
    ("Google Haberler'de Takip Et", "BOI002"),
    ("Ta strona używa ciasteczek. Korzystając z niej, wyrażasz zgodę na ich użycie zgodnie z ustawieniami "
     "przeglądarki.", "BOI012"),
])
def test_widgets_notes_tags_and_timestamps_go(line: str, rule: str) -> None:
    assert removals(in_article(line)) == {line: rule}


@pytest.mark.parametrize("line", [
    "Listen",  # a widget's word alone may be a heading
    "Agotado.",  # a novel's one-word reply, though shops print it under a product
    "Found an error? Check the stack trace first.",  # a tutorial's paragraph: no one is asked to write in
    "Found a bug? Open an issue on the tracker.",  # docs ask it above their own text
    "Found an error in your tax return? Contact the tax office within 30 days.",  # advice: the question is longer
    "Yes",  # an answer only under a feedback question
    "Originally published in 1851, Moby-Dick sold fewer than 3,200 copies in its author's lifetime.",
    "Topics: budgets, schools",  # a lowercase list after a label that may head a sentence's list
    "Keywords: machine learning, evaluation",  # a paper's keywords
    "Today",  # a day without a clock time is a word: a diary's heading
    "Read more",
])
def test_lines_like_widgets_and_notes_stay(line: str) -> None:
    text = in_article(line)
    assert cleanse.clean(text, BOILERPLATE).text == text


def test_answer_buttons_go_only_under_a_feedback_question() -> None:
    """`Ja` / `Nej` under `Var informationen till hjälp?`, blank lines between;
    the same words anywhere else are a text's own."""
    text = in_article("Var informationen till hjälp?\n\nJa\n\nNej")
    assert removals(text) == {"Var informationen till hjälp?": "BOI018", "Ja": "BOI018", "Nej": "BOI018"}
    side_by_side = in_article("Was this page helpful?\n👍 Yes  👎 No")
    assert removals(side_by_side) == {"Was this page helpful?": "BOI018", "👍 Yes  👎 No": "BOI018"}
    answers = in_article("Ja\n\nNej")
    assert cleanse.clean(answers, BOILERPLATE).text == answers


def test_a_question_under_a_related_label_on_its_own_line_stays() -> None:
    """A stray `Read more` over the article's next subheading, a question: the
    subheading is body text (a question headline is a teaser only on the
    label's own line)."""
    text = in_article("Read more\nSo what does this mean for savers?")
    assert "So what does this mean for savers?" in cleanse.clean(text, BOILERPLATE).text


def test_share_buttons_listed_under_a_share_line_go() -> None:
    """`X（旧Twitter）` / `LINE` under `この記事をシェアする`: a network's name
    alone on a line is a button only under a share line (blank lines between)."""
    text = in_article("この記事をシェアする\nX（旧Twitter）\nLINE\n\nはてなブックマーク")
    assert removals(text) == {"この記事をシェアする": "BOI002", "X（旧Twitter）": "BOI001", "LINE": "BOI001",
                              "はてなブックマーク": "BOI001"}
    networks = in_article("Facebook\nInstagram\nTikTok")  # no share line: an article's own list
    assert cleanse.clean(networks, BOILERPLATE).text == networks


FORUM_THREAD = """Dränering av 50-talshus – erfarenheter?

Mikael_O
Medlem sedan: 2021
Inlägg: 38
Vi har köpt ett hus från 1956 och källaren blir fuktig varje vår. Har någon dränerat om själva?
Citera
Svara

Byggare_Anna
Medlem sedan: 2014
Inlägg: 5 221
Ja, vi gjorde det för tre år sedan. Räkna med att gräva ner till grundsulan och lägga ny dränslang.
Citera
Svara
Gilla (12)

Mikael_O
Medlem sedan: 2021
Inlägg: 39
Tack! Hur djupt fick ni gräva på baksidan?
Citera
Svara
"""


def test_forum_thread_loses_its_buttons_member_fields_and_author_lines() -> None:
    result = cleanse.clean(FORUM_THREAD, BOILERPLATE)
    assert result.text.split("\n") == [
        "Dränering av 50-talshus – erfarenheter?", "",
        "Vi har köpt ett hus från 1956 och källaren blir fuktig varje vår. Har någon dränerat om själva?", "",
        "Ja, vi gjorde det för tre år sedan. Räkna med att gräva ner till grundsulan och lägga ny dränslang.", "",
        "Tack! Hur djupt fick ni gräva på baksidan?", ""]
    assert cleanse.clean(result.text, BOILERPLATE).text == result.text
    by_rule = {f.rule for f in result.findings}
    assert by_rule == {"BOI004", "BOI014"}


def test_a_faq_repeating_one_answer_label_keeps_it() -> None:
    """`Svar` over each answer is the FAQ's own word: one repeated button-like
    line is no thread."""
    faq = ("Vanliga frågor om sophämtning\n\nNär töms kärlet?\nSvar\nVarannan vecka, på tisdagar.\n\n"
           "Kan jag byta storlek?\nSvar\nJa, kontakta kundtjänst så byter vi kärlet inom två veckor.\n")
    assert cleanse.clean(faq, BOILERPLATE).text == faq


def _bylined(byline: str, last: str) -> str:
    return f"{HEADLINE}\n{byline}\n\n{STANDFIRST}\n\n{PARAGRAPH}\n\n{CLOSING}\n\n{last}\n\nTags: Economy, Rates\n"


@pytest.mark.parametrize(("byline", "bio"), [
    ("By Hannah Price | Published March 9, 2024 | Updated March 11, 2024",
     "Hannah Price is a freelance journalist based in Leeds. She writes about communities, work and the environment."),
    ("Pubblicato il 2 febbraio 2024 da Marta | 4 commenti",
     "Marta scrive di libri dal 2015. Vive a Pisa, lavora in biblioteca e quando non legge cammina sulle Apuane."),
])
def test_author_bio_opening_with_the_byline_name_goes(byline: str, bio: str) -> None:
    removed = removals(_bylined(byline, bio))
    assert removed[bio] == "BOI004" and byline in removed


@pytest.mark.parametrize("last", [
    # the byline's role, not its name: a closing paragraph of the article
    "Economics professors at the university said the cut was overdue and should have come in the autumn.",
    # another person's name
    "Sarah Collins, who runs a bakery in the town, said she would wait before hiring anyone else this year.",
])
def test_closing_paragraph_not_opening_with_the_byline_name_stays(last: str) -> None:
    text = _bylined("By Laura Bennett, Economics Correspondent", last)
    assert last in cleanse.clean(text, BOILERPLATE).text


def test_short_lines_that_touch_no_furniture_are_kept() -> None:
    """A stanza after an article, or a list of phrases, is short lines without
    punctuation like a menu; only runs next to furniture a phrase rule found go."""
    poem = (f"{HEADLINE}\n\n{STANDFIRST}\n\n{PARAGRAPH}\n\n"
            "Low tide\nsalt on the ropes\na lantern swinging\nthe long way home\n\n"
            f"{CLOSING}\n\nQuiet water\nno wind tonight\nthe lighthouse turning\n")
    assert cleanse.clean(poem, BOILERPLATE).text == poem
    phrases = "sin embargo no es suficiente\npor otra parte hay que decir\nen el marco de la cumbre\n"
    assert cleanse.clean(phrases, BOILERPLATE).text == phrases


def test_url_only_line_after_the_article_is_removed_inside_it_kept() -> None:
    text = f"{in_article('https://example.org/reference.pdf')}https://example.org/live-updates\n"
    assert removals(text) == {"https://example.org/live-updates": "BOI016"}


def test_a_link_that_a_line_introduces_is_kept() -> None:
    text = f"{PARAGRAPH}\nRead the full report here:\nhttps://example.org/report.pdf\n"
    assert cleanse.clean(text, BOILERPLATE).text == text


def test_headline_and_standfirst_of_every_benchmark_document_are_kept() -> None:
    bench = load_benchmark("boilerplate")
    for doc in bench.load():
        kept = cleanse.clean(doc.text, BOILERPLATE).text.splitlines()
        body = [line for line, label in zip(doc.lines, doc.labels, strict=True) if label == "K"]
        assert body[0] in kept, doc.name  # the headline (wrapped standfirsts span lines)


def test_python_documentation_loses_nothing_to_the_page_rules() -> None:
    """Python's own docs (pydoc topics, shipped with CPython: offline) have
    "See also:" above indented references, bare URLs, RST underlines, wrapped
    lines ending in `recommended.`; a docs repository running the hook must
    not lose any of it. (Lines repeated verbatim are BOI009's business.)"""
    from pydoc_data.topics import topics

    for name, text in topics.items():
        removed = {rule for line, rule in removals(text).items() if rule != "BOI009"}
        assert not removed, (name, removed)


# --------------------------------------------------------------- configuration
def test_extra_patterns_remove_site_specific_lines() -> None:
    text = in_article("Radio Caracas en vivo")
    assert removals(text) == {}
    config = {**BOILERPLATE, "boilerplate-patterns": ["^Radio Caracas en vivo$"]}
    assert removals(text, config) == {"Radio Caracas en vivo": "BOI010"}


def test_keep_patterns_protect_lines_from_every_rule() -> None:
    text = page_dump()
    config = {**BOILERPLATE, "keep-patterns": ["^Daily Courier$", "cookies", "^News$"]}
    kept = cleanse.clean(text, config).text.splitlines()
    assert {"Daily Courier", "News", "This website uses cookies to ensure you get the best experience."} <= set(kept)
    assert "World" not in kept  # the rest of the menu still goes


def test_boilerplate_output_is_idempotent() -> None:
    for text in (page_dump(), in_article("Comments (34)")):
        once = cleanse.clean(text).text
        assert cleanse.clean(once).text == once


# ------------------------------------------------------------------- benchmark
def test_benchmark_set_is_labelled_and_large_enough() -> None:
    bench = load_benchmark("boilerplate")
    docs = bench.load()
    assert len(docs) >= 60
    assert len({d.lang for d in docs}) >= 6
    assert sum(d.kind == "article" for d in docs) == sum(d.kind == "dump" for d in docs)
    for doc in docs:
        assert set(doc.labels) <= {"K", "B", ""}
        assert all(bool(label) == bool(line.strip()) for line, label in zip(doc.lines, doc.labels, strict=True)), doc.name


def test_benchmark_scorer_on_a_subset() -> None:
    bench = load_benchmark("boilerplate")
    data = ROOT / "benchmarks" / "data" / "boilerplate"
    docs = bench.load([data / "en_dump_2.txt", data / "es_article_2.txt", data / "zh_dump_1.txt"])
    c4 = bench.evaluate(docs, bench.predict_c4)
    ours = bench.evaluate(docs, bench.predict_cleanse(bench.BOILERPLATE_ONLY))
    assert set(ours) == {"all", "en", "es", "zh", "article", "dump"}
    for scores in (c4["all"], ours["all"]):
        assert 0.0 <= scores.precision <= 1.0 and 0.0 <= scores.recall <= 1.0 and 0.0 <= scores.kept <= 1.0
    assert ours["all"].kept >= 0.99 and not ours["all"].false_positives
    assert ours["all"].f1 > c4["all"].f1
    assert c4["zh"].kept == 0.0  # C4 counts whitespace words: every Chinese line has one


def test_benchmark_scores_one_document_by_hand() -> None:
    bench = load_benchmark("boilerplate")
    doc = bench.Doc("x_article_1.txt", "x", "article", ["Headline here", "", "Share", "Body text."], ["K", "", "B", "K"])
    scores = bench.score_doc(doc, ([0.0, 0.0, 1.0, 0.5], ["", "", "BOI002", "BOI006"]))
    assert (scores.tp, scores.fp, scores.fn) == (1, 1, 0)
    assert scores.kept == pytest.approx((12 + 4.5) / (12 + 9))
    assert scores.false_positives == [("x_article_1.txt", 4, "BOI006", "Body text.")]
