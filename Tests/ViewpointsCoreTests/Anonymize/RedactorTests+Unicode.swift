import Testing
import ViewpointsCore

/// Names in the forms people actually write them, and the look-alikes that must stay.
@Suite struct RedactorUnicodeTests {
    static let redactor = Redactor(
        participants: [
            RedactionParticipant(pseudonym: "P01", name: "İsmail Öztürk"),
            RedactionParticipant(pseudonym: "P02", name: "Johann Strauß"),
            RedactionParticipant(pseudonym: "P03", name: "Jürgen Müller"),
            RedactionParticipant(pseudonym: "P04", name: "Seán O'Brien"),
            RedactionParticipant(pseudonym: "P05", name: "Wei Li"),
            RedactionParticipant(pseudonym: "P06", name: "Ayesha Siddiqa"),
            RedactionParticipant(pseudonym: "P07", name: "Will May"),
            RedactionParticipant(pseudonym: "P08", name: "Søren Łukaszewicz"),
            RedactionParticipant(pseudonym: "P09", name: "Şahin Çelik"),
            RedactionParticipant(pseudonym: "P10", name: "李伟"),
            RedactionParticipant(pseudonym: "P11", name: "Γιώργος Παπαδόπουλος"),
            RedactionParticipant(pseudonym: "P12", name: "Ирина Смирнова"),
            RedactionParticipant(pseudonym: "P13", name: "عمران قریشی"),
        ], terms: [])

    static func redacted(_ text: String) -> String {
        redactor.redact(text).text
    }

    @Test(arguments: [
        ("ISMAIL said", "[P01] said"), ("ismail said", "[P01] said"), ("Ismail said", "[P01] said"),
        ("ıSMAİL said", "[P01] said"), ("OZTURK said", "[P01] said"), ("Ozturk said", "[P01] said"),
        ("Oeztuerk said", "[P01] said"), ("ÖZTÜRK said", "[P01] said"), ("STRAUSS said", "[P02] said"),
        ("Strauss said", "[P02] said"), ("strauß said", "[P02] said"), ("STRAUẞ said", "[P02] said"),
        ("Muller said", "[P03] said"), ("Mueller said", "[P03] said"), ("MÜLLER said", "[P03] said"),
        ("Jurgen said", "[P03] said"), ("Juergen said", "[P03] said"), ("Sean said", "[P04] said"),
        ("OBrien said", "[P04] said"), ("O’Brien said", "[P04] said"), ("OBRIEN said", "[P04] said"),
        ("Soren said", "[P08] said"), ("Soeren said", "[P08] said"), ("Lukaszewicz said", "[P08] said"),
        ("Sahin said", "[P09] said"), ("Shahin said", "[P09] said"), ("Celik said", "[P09] said"),
        ("ＳＩＤＤＩＱＡ said", "[P06] said"), ("Sidd\u{AD}iqa said", "[P06] said"),
        ("Sidd\u{200B}iqa said", "[P06] said"), ("Sidd\u{200D}iqa said", "[P06] said"),
        ("Siddi\u{2060}\u{200C}qa said", "[P06] said"), ("Siddiqa\u{AD} said", "[P06]\u{AD} said"),
    ])
    func matchesCaseFoldedDiacriticFreeAndTransliteratedForms(input: String, expected: String) {
        #expect(Self.redacted(input) == expected)
    }

    @Test(arguments: [
        ("AyeshaSiddiqa wrote", "[P06] wrote"), ("@ayeshasiddiqa92 wrote", "@[P06] wrote"),
        ("siddiqaayesha wrote", "[P06] wrote"), ("@asiddiqa wrote", "@[P06] wrote"),
        ("Ayesha\u{200B}Siddiqa wrote", "[P06] wrote"), ("siddiqa2019 wrote", "[P06] wrote"),
        ("https://www.linkedin.com/in/ayesha-siddiqa-4b2a1c/", "https://www.linkedin.com/in/[P06]-[P06]-4b2a1c/"),
        ("linkedin.com/in/ayeshasiddiqa", "linkedin.com/in/[P06]"), ("ozturkismail", "[P01]"),
    ])
    func matchesRunTogetherNamesAndHandles(input: String, expected: String) {
        #expect(Self.redacted(input) == expected)
    }

    @Test(arguments: [
        ("Li said", "[P05] said"), ("Dr Li's view", "Dr [P05]'s view"), ("LI said", "[P05] said"),
        ("as Li put it", "as [P05] put it"), ("May said", "[P07] said"), ("Will and May", "[P07] and [P07]"),
    ])
    func matchesGuardedPartsWhenTheyLookLikeNames(input: String, expected: String) {
        #expect(Self.redacted(input) == expected)
    }

    @Test(arguments: [
        "Li-ion batteries", "li", "we will see", "it may rain", "in May 2019", "on 5 May", "May-June",
        "the F-16 deal", "after 9/11", "in 2017", "on 2017-07-15", "Rs 1,200,000", "$3.5 million", "at 10:30",
        "may be", "will power", "Zoe", "Mull", "Ismailia", "Straussian", "Lisbon", "Seance", "Celiker",
        "au revoir", "LIBOR", "Liam", "a lithium cell", "Ayeshas",
    ])
    func leavesLookAlikesAlone(input: String) {
        let text = "He said: \(input) then."
        #expect(Self.redacted(text) == text)
    }

    @Test func matchesOtherScripts() {
        #expect(Self.redacted("李伟说") == "[P10]说")
        #expect(Self.redacted("李说") == "李说")
        #expect(Self.redacted("Ο ΓΙΏΡΓΟΣ είπε") == "Ο [P11] είπε")
        #expect(Self.redacted("ο Γιωργος είπε") == "ο [P11] είπε")
        #expect(Self.redacted("ΠΑΠΑΔΟΠΟΥΛΟΣ") == "[P11]")
        #expect(Self.redacted("СМИРНОВА сказала") == "[P12] сказала")
        #expect(Self.redacted("عِمران نے کہا") == "[P13] نے کہا")
        #expect(Self.redacted("عمـران نے کہا") == "[P13] نے کہا")
        #expect(Self.redacted("قريشي نے کہا") == "[P13] نے کہا")  // Arabic yeh for Farsi yeh
    }

    @Test func withdrawnParticipantIsRedactedWithoutPseudonym() {
        let redactor = Redactor(
            participants: [
                RedactionParticipant(
                    pseudonym: "P02", identifyingValues: ["Ayesha Khan", "ayesha@example.org"],
                    nameParts: ["Ayesha", "Khan"], withdrawn: true),
                RedactionParticipant(pseudonym: "P03", name: "Bilal Ahmed"),
            ], terms: [])
        #expect(redactor.redact("Ayesha Khan told me, and AYESHA said").text == "[NAME] told me, and [NAME] said")
        #expect(redactor.redact("Bilal Ahmed").text == "[P03]")
    }

    // MARK: Phones

    @Test(arguments: [
        "923001234567", "+92\u{00A0}300\u{00A0}1234567", "0300\u{2013}1234567", "0300/1234567", "0300 - 1234567",
        "0300 – 1234567", "٠٣٠٠-١٢٣٤٥٦٧", "۰۳۰۰۱۲۳۴۵۶۷", "０３００－１２３４５６７", "+92\u{2009}300\u{2009}1234567",
        "+92\u{202F}300\u{202F}1234567", "0300\u{2011}1234567", "0300\u{2212}1234567", "＋９２ ３００ １２３４５６７",
        "+92 300 123 4567", "0092 300 1234567", "92 300 1234567", "(042) 3575-1234",
    ])
    func replacesPhoneNumbersInEveryWriting(phone: String) {
        let result = Self.redactor.redact("Call \(phone), or not.")
        #expect(result.text == "Call [PHONE], or not.", "\(phone)")
    }

    @Test(arguments: [
        "9/11", "24/7", "12/05/2019", "2019/05/12", "2016/2017/2018", "1990 - 2000", "200000000", "1,000,000",
        "1 000 000", "1\u{00A0}000\u{00A0}000", "F-16", "2017-07-15", "9780306406157", "ISBN 978-0-306-40615-7",
        "٢٠١٩", "10 - 15 people", "3.5", "15.07.2017", "Rs. 250000000", "1947–1971", "pp. 123–145",
    ])
    func leavesNumbersThatAreNoPhonesAlone(input: String) {
        let text = "It was \(input) then."
        #expect(Self.redacted(text) == text)
    }
}
