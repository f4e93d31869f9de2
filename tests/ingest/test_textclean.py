from cidb.ingest.nlp.textclean import (
    MAX_TEXT_CHARS,
    clean_article,
    decode_bytes,
    repair_mojibake,
    split_sentences,
)


def test_html_main_text_drops_scripts_and_nav():
    html = (
        "<html><head><title>Cyberangrep mot Fjordby kommune</title>"
        "<script>alert('x'); document.write('EVIL')</script></head><body>"
        "<nav>Forside | Sport | Kultur</nav><article><h1>Cyberangrep mot Fjordby kommune</h1>"
        "<p>Fjordby kommune ble natt til lørdag rammet av et alvorlig dataangrep. Alle systemer "
        "er slått av, og ansatte jobber med penn og papir.</p><p>Ordføreren sier at politiet er "
        "varslet og at angrepet etterforskes.</p></article><footer>Kontakt oss</footer></body></html>"
    )
    res = clean_article({"html": html})
    assert "Fjordby kommune" in res.text
    assert "EVIL" not in res.text and "alert" not in res.text
    assert res.title and "Fjordby" in res.title


def test_plain_text_with_html_tags_is_detected_as_html():
    res = clean_article(
        {"text": "<div><p>Ein Text über einen Angriff auf die Stadt.</p><script>x()</script></div>"}
    )
    assert "x()" not in res.text


def test_empty_and_missing_text_are_flagged():
    assert "empty" in clean_article({}).flags
    assert "empty" in clean_article({"text": "   "}).flags


def test_binary_input_is_flagged_not_raised():
    res = clean_article({"text": b"%PDF-1.7\x00\x01\x02binary"})
    assert res.text == "" and "binary" in res.flags
    res2 = clean_article({"text": "abc\x00\x00\x00def"})
    assert "binary" in res2.flags


def test_invalid_type_is_flagged():
    assert "invalid_type" in clean_article({"text": 12345}).flags


def test_mojibake_is_repaired():
    broken = "Angreppet mot kommunen pÃ¥ lÃ¶rdag drabbade skolorna i HÃ¤rnÃ¶sand"
    fixed, changed = repair_mojibake(broken)
    assert changed and "på lördag" in fixed and "Härnösand" in fixed
    assert (
        clean_article({"text": broken}).flags == ["mojibake_repaired"]
        or "mojibake_repaired" in clean_article({"text": broken}).flags
    )


def test_latin1_bytes_are_decoded():
    text, flags = decode_bytes("Cyberangriff auf die Gemeinde Müllheim".encode("latin-1"))
    assert "Müllheim" in text and "encoding_guessed" in flags


def test_truncated_utf8_bytes_do_not_raise():
    data = "Attaque contre l'hôpital".encode()[:-2]
    res = clean_article({"text": data})
    assert res.text.startswith("Attaque")


def test_huge_text_is_cut_and_flagged():
    res = clean_article({"text": "angrep " * (MAX_TEXT_CHARS // 3)})
    assert len(res.text) <= MAX_TEXT_CHARS and "truncated_text" in res.flags


def test_split_sentences():
    sents = [s for _, s in split_sentences("Första meningen. Andra meningen! Tredje?")]
    assert len(sents) == 3
