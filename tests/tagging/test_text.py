from cidb.tagging.io import read_documents
from cidb.tagging.text import clean_attack_text, html_to_text, is_english, split_sentences


def test_split_sentences_on_punctuation_and_newlines():
    text = "The actor used PowerShell. It then dumped LSASS!\nNext line without stop"
    assert split_sentences(text) == [
        "The actor used PowerShell.",
        "It then dumped LSASS!",
        "Next line without stop",
    ]


def test_split_sentences_keeps_file_names_and_cuts_long_runs():
    assert split_sentences("It ran cmd.exe and rundll32.exe quietly.") == [
        "It ran cmd.exe and rundll32.exe quietly."
    ]
    parts = split_sentences("word " * 400)
    assert len(parts) > 1 and all(len(p) <= 600 for p in parts)


def test_empty_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("  \n\t ") == []


def test_html_to_text_drops_scripts_and_keeps_blocks():
    html = "<html><head><title>x</title><script>var a=1;</script></head><body><p>First para.</p><div>Second &amp; last</div></body></html>"
    assert html_to_text(html) == "First para.\nSecond & last"


def test_clean_attack_text_removes_citations_and_links():
    raw = "[Explosive](https://attack.mitre.org/software/S0569) has collected the MAC address.(Citation: CheckPoint 2015)"
    assert clean_attack_text(raw) == "Explosive has collected the MAC address."


def test_is_english():
    assert is_english(
        "The attackers used a phishing email with a malicious attachment to gain access."
    )
    assert not is_english("Angriparna krypterade alla filer och krävde en lösensumma.")
    assert not is_english("Die Angreifer verschlüsselten alle Dateien und forderten Lösegeld.")


def test_read_documents_jsonl_reports_bad_lines_and_continues(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "one"}\n{not json\n\n{"id": 7, "text": "two"}\n{"id": "x"}\n')
    errors: list[str] = []
    docs = list(read_documents(p, errors.append))
    assert docs == [("a", "one"), ("7", "two")]
    assert len(errors) == 2
    assert ":2:" in errors[0] and "invalid JSON" in errors[0]
    assert ":5:" in errors[1]


def test_read_documents_html_and_text(tmp_path):
    h = tmp_path / "page.html"
    h.write_text("<p>Hello <b>world</b></p><script>x()</script>")
    t = tmp_path / "note.txt"
    t.write_text("plain <b>text</b>")
    assert list(read_documents(h, print)) == [("page", "Hello world")]
    assert list(read_documents(t, print)) == [("note", "plain <b>text</b>")]
