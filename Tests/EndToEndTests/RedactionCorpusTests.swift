import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// A generated study of 240 invented people with names in ten scripts and languages, who mention each other in
/// every variant form people write names, phones and e-mails in, beside as many look-alikes that are no names.
/// The test counts every identifying token that survives into `pg_dump`, the server log (`log_statement = all`)
/// and every export (must be 0), and prints the false redactions among the look-alikes.
@Suite(.serialized)
struct RedactionCorpusTests {
    /// Invented given and family names by language; no real people.
    static let cultures: [(given: [String], family: [String])] = [
        (
            ["Jürgen", "Björn", "Jörg", "Günther", "Käthe", "Lörinc"],
            ["Müller", "Strauß", "Schröder", "Weiß", "Köhler"]
        ),
        (["İsmail", "Şahin", "Çağla", "Gülşen", "Ömer", "Ayşe"], ["Öztürk", "Çelik", "Şimşek", "Yıldız", "Doğan"]),
        (["Seán", "Siobhán", "Pádraig", "Aoife", "Eóin"], ["O'Brien", "O'Sullivan", "MacDonnacha", "Ó Ceallaigh"]),
        (["José", "María", "Joaquín", "Begoña", "João"], ["Peña", "Muñoz", "Ibáñez", "Conceição", "Gonçalves"]),
        (["François", "Hélène", "Anaïs", "Zoë", "Noël"], ["Lefèvre", "Giraud", "Bérard", "Mercier-Lacroix"]),
        (
            ["Søren", "Åse", "Łukasz", "Małgorzata", "Jiří"],
            ["Kierkegård", "Ødegaard", "Wąsowski", "Dvořák", "Kovačević"]
        ),
        (["Wei", "Fang", "Ming", "Xiuying", "Jing"], ["Li", "Wu", "Xu", "Ng", "Hu"]),
        (
            ["Ayesha", "Imran", "Faisal", "Zainab", "Will", "May"],
            ["Qureshi", "Siddiqui", "Chaudhry", "Al-Hassan", "Rizvi"]
        ),
        (["عمران", "عائشہ", "فیصل", "زینب"], ["قریشی", "صدیقی", "چودھری", "حسن"]),
        (["Иван", "Ольга", "Дмитрий", "Наталья"], ["Петров", "Смирнова", "Кузнецов", "Волкова"]),
        (["Γιώργος", "Ελένη", "Νίκος"], ["Παπαδόπουλος", "Οικονόμου", "Γεωργίου"]),
        (["राहुल", "प्रिया", "अमित"], ["शर्मा", "वर्मा", "गुप्ता"]),
    ]
    /// Names written without spaces (Han, Hangul).
    static let unspaced = ["李伟", "王芳", "张敏", "刘洋", "陈静", "김민준", "이서연", "박지훈"]

    static let filler = [
        "relations", "with", "the", "region", "are", "strained", "said", "that", "policy", "must", "change",
        "trust", "between", "both", "sides", "is", "low", "and", "talks", "should", "resume", "according", "to",
    ]
    /// Ordinary words, numbers and names of things that look like names, phones or name parts.
    static let lookAlikes = [
        "we will see", "it may rain", "in May 2019", "on 5 May", "Li-ion batteries", "after 9/11", "the F-16 deal",
        "in 2017", "on 2017-07-15", "Rs 1,200,000", "$3.5 million", "at 10:30", "between 1990 - 2000",
        "ISBN 978-0-306-40615-7", "pages 120–145", "24/7", "12/05/2019", "1 000 000 people", "lithium", "Lisbon",
        "Ismailia", "Straussian", "Celiker", "Mull", "Seance", "Muna", "Liam", "Hull", "the Wuhan lab",
        "a Huawei phone", "Ngorongoro", "Xuzhou", "will power", "may be", "Lahore", "Karachi", "Kabul",
        "Strasbourg", "Peñalara", "Joseon", "Marian", "Giraudoux", "Doganay", "Petrovsky",
    ]

    struct Person {
        var id: String
        var given: String
        var family: String
        var full: String
        var email: String
        var phone: String
        var national: String
        var isUnspaced: Bool { given.isEmpty }
    }

    static func people() -> [Person] {
        // every given name with every family name of its language, the languages taken in turn
        let pairs = cultures.map { culture in culture.given.flatMap { g in culture.family.map { (g, $0) } } }
        var result: [Person] = []
        var round = 0
        while result.count < 232 {
            for list in pairs where round < list.count && result.count < 232 {
                // 7 is prime to every list's length, so the rounds visit each pair once
                let (given, family) = list[(round * 7) % list.count]
                let full = "\(given) \(family)"
                if result.contains(where: { $0.full == full }) { continue }
                result.append(person(result.count, given: given, family: family, full: full))
            }
            round += 1
            if round > 40 { break }
        }
        for name in unspaced { result.append(person(result.count, given: "", family: "", full: name)) }
        return result
    }

    static func person(_ index: Int, given: String, family: String, full: String) -> Person {
        let national = "3\(10 + index % 40)\(String(format: "%07d", 1_000_003 * (index + 7) % 10_000_000))"
        return Person(
            id: "staff-\(1000 + index)", given: given, family: family, full: full,
            email: "person\(index).\(ascii(given).lowercased())@example.org",
            phone: "+92 \(national.prefix(3)) \(national.dropFirst(3))",
            national: national)
    }

    /// Latin letters without diacritics, as a keyboard without them writes them (`ß` → `ss`, `ł` → `l`).
    static func ascii(_ s: String) -> String {
        var out = ""
        for original in s {
            let latin = original.unicodeScalars.first.map { $0.value < 0x250 || (0x1E00...0x1EFF).contains($0.value) }
            let c =
                latin == true
                ? Character(String(original).folding(options: [.diacriticInsensitive], locale: nil)) : original
            switch c {
            case "ß": out += "ss"
            case "ø", "Ø": out += c == "ø" ? "o" : "O"
            case "ł", "Ł": out += c == "ł" ? "l" : "L"
            case "ı": out += "i"
            default: out.append(c)
            }
        }
        return out
    }

    static func german(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "Ö": out += "Oe"
            case "Ü": out += "Ue"
            default: out.append(c)
            }
        }
        return out
    }

    static func inside(_ s: String, _ mark: String) -> String {
        let scalars = Array(s.unicodeScalars)
        guard scalars.count >= 4 else { return s }
        return String(String.UnicodeScalarView(scalars[0..<2])) + mark + String(String.UnicodeScalarView(scalars[2...]))
    }

    /// The variant forms of a person's identifying tokens, as written in someone else's statement.
    static func mentions(of person: Person) -> [String] {
        if person.isUnspaced { return [person.full + "说", person.full, inside(person.full, "\u{200B}")] }
        let given = person.given
        let family = person.family
        let handle = (ascii(given) + ascii(family)).filter { $0.isLetter }.lowercased()
        let slug = (ascii(given) + "-" + ascii(family)).lowercased().filter { $0.isLetter || $0 == "-" }
        let digits = Array(person.national)
        func local(_ d: [Character]) -> String { "0" + String(d) }
        let eastern = local(digits).map { String(UnicodeScalar(0x0660 + UInt32(String($0))!)!) }.joined()
        let fullWidth = local(digits).map { String(UnicodeScalar(0xFF10 + UInt32(String($0))!)!) }.joined()
        var forms = [
            person.full, person.full.uppercased(), "\(family)'s", "\(family)’s", given.uppercased(), ascii(given),
            ascii(family), ascii(family).uppercased(), german(family), german(given), inside(family, "\u{AD}"),
            inside(given, "\u{200D}"), inside(family, "\u{200B}"),
            "\(ascii(given))\(ascii(family))".filter { $0 != " " },
            "@\(handle)92", "https://www.linkedin.com/in/\(slug)-3a9", person.email, person.email.uppercased(),
            "92\(person.national)",
            "+92\u{00A0}\(digits[0..<3].map(String.init).joined())\u{00A0}\(String(digits[3...]))",
            "0\(String(digits[0..<3]))\u{2013}\(String(digits[3...]))",
            "0\(String(digits[0..<3]))/\(String(digits[3...]))",
            "0\(String(digits[0..<3])) - \(String(digits[3...]))", eastern, fullWidth,
        ]
        if family.contains("'") { forms.append(family.replacingOccurrences(of: "'", with: "")) }
        if given.unicodeScalars.contains(where: {
            $0.properties.changesWhenLowercased || $0.properties.changesWhenUppercased
        }) {
            forms.append(given.lowercased())
        } else {
            forms.append(given + "ـ")  // Arabic-script names: with a tatweel
        }
        return forms
    }

    /// Tokens that must never survive: each name part (2+ letters), the whole unspaced name, the e-mail's local
    /// part, the national phone number and the source identifier.
    static func tokens(of person: Person) -> [String] {
        if person.isUnspaced { return [person.full] }
        return (person.given + " " + person.family).split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "'" })
            .map(String.init).filter { $0.count >= 2 && !["Al", "El", "De"].contains($0) }  // particles are no names
    }

    /// The haystack word by word, each compared in a form independent of the redactor: NFKC, case-folded,
    /// without diacritics and invisible characters, German umlauts as in the name.
    static func normalizedWords(_ text: String) -> Set<String> {
        let cleaned = String(
            String.UnicodeScalarView(
                text.precomposedStringWithCompatibilityMapping.unicodeScalars.filter {
                    !$0.properties.isDefaultIgnorableCodePoint && $0 != "\u{0640}"
                }))
        var words = Set<String>()
        for raw in cleaned.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’") }) {
            let word = normalize(
                String(raw).replacingOccurrences(of: "’s", with: "").replacingOccurrences(of: "'s", with: ""))
            words.insert(word)
            words.insert(word.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: ""))
            for piece in word.split(whereSeparator: { $0 == "'" || $0 == "’" }) { words.insert(String(piece)) }
            words.insert(undoGerman(word))
            words.insert(String(word.reversed().drop(while: { $0.isNumber }).reversed()))  // handles: `khan92`
        }
        return words
    }

    static func normalize(_ s: String) -> String {
        ascii(s).folding(options: [.caseInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    static func undoGerman(_ s: String) -> String {
        s.replacingOccurrences(of: "ae", with: "a").replacingOccurrences(of: "oe", with: "o")
            .replacingOccurrences(of: "ue", with: "u")
    }

    /// A two-letter name part or one that is an ordinary word: a leak only when written as a name.
    static func isGuarded(_ token: String) -> Bool {
        token.count == 2 || ["will", "may"].contains(token.lowercased())
    }

    /// Every leak of `people`'s tokens in `text`, described.
    static func leaks(in text: String, of people: [Person], where place: String) -> [String] {
        let words = normalizedWords(text)
        let lowered = text.lowercased()
        var found: [String] = []
        for person in people {
            if !person.isUnspaced, let word = runTogether(person).first(where: { words.contains($0) }) {
                found.append("\(place): \(word) (\(person.id) run together)")
            }
            if lowered.contains(person.email.lowercased()) { found.append("\(place): e-mail of \(person.id)") }
            for token in tokens(of: person) {
                let key = normalize(token)
                if person.isUnspaced {
                    let plain = String(
                        String.UnicodeScalarView(
                            text.unicodeScalars.filter { !$0.properties.isDefaultIgnorableCodePoint }))
                    if plain.contains(token) { found.append("\(place): \(token)") }
                    continue
                }
                if isGuarded(token) {
                    let pattern =
                        "(?<![\\p{L}\\p{N}])(?<![0-9] )\(NSRegularExpression.escapedPattern(for: token))(?![\\p{L}\\p{N}])(?![-‐‑–][\\p{L}])(?! *[0-9])"
                    let upper = pattern.replacingOccurrences(of: token, with: token.uppercased())
                    if let range = text.range(of: pattern, options: .regularExpression)
                        ?? text.range(of: upper, options: .regularExpression)
                    {
                        found.append("\(place): \(token) in …\(context(text, range))…")
                    }
                    continue
                }
                if words.contains(key) || words.contains(undoGerman(key)) {
                    found.append("\(place): \(token) (\(person.id))")
                }
            }
            let digits = digitRuns(text)
            if digits.contains(where: { $0.contains(person.national) }) {
                found.append("\(place): phone of \(person.id)")
            }
            if text.contains(person.id) { found.append("\(place): identifier \(person.id)") }
        }
        return found
    }

    static func context(_ text: String, _ range: Range<String.Index>) -> String {
        let start = text.index(range.lowerBound, offsetBy: -20, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(range.upperBound, offsetBy: 20, limitedBy: text.endIndex) ?? text.endIndex
        return String(text[start..<end])
    }

    /// The person's name parts run together, in both orders, as the normalized words of a haystack show them.
    static func runTogether(_ person: Person) -> [String] {
        let parts = (person.given + " " + person.family).split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "'" })
            .map { normalize(String($0)) }
        guard parts.count >= 2 else { return [] }
        return [parts.joined(), parts.reversed().joined()]
    }

    /// Runs of digits of any script (as ASCII) with the separators inside them removed.
    static func digitRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var current = ""
        var pendingSeparator = false
        for scalar in text.unicodeScalars {
            if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
                current += String(Int(value))
                pendingSeparator = false
            } else if !current.isEmpty && !pendingSeparator
                && (scalar.properties.isWhitespace || "-–‐‑−/.()".unicodeScalars.contains(scalar))
            {
                pendingSeparator = true
            } else if !current.isEmpty && pendingSeparator && scalar == " " {
                continue
            } else {
                if !current.isEmpty { runs.append(current) }
                current = ""
                pendingSeparator = false
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    @Test(.enabled(if: PrivateCluster.available, "needs PostgreSQL's server programs"))
    func noIdentifyingTokenSurvivesAnywhereAndFalseRedactionsAreCounted() throws {
        let binary = try ViewpointsBinary()
        let cluster = try PrivateCluster()
        let files = TestFiles()
        let home = files.folder + "/home"
        let env: [String: String?] = [
            "DATABASE_URL": cluster.url, "VIEWPOINTS_HOME": home, "VIEWPOINTS_STUDY": "corpus", "NO_COLOR": "1",
        ]
        let admin = try Connection(conninfo: cluster.url)
        try admin.execute("ALTER SYSTEM SET log_statement = 'all'", doing: "logging every statement")
        try admin.query("SELECT pg_reload_conf()", doing: "reloading the configuration")

        let people = Self.people()
        #expect(people.count >= 240)
        var rng = SplitMix64(seed: 0x7255_7432)
        var participants = "participant,name,email,phone,constituency\n"
        for person in people {
            participants += "\(person.id),\"\(person.full)\",\(person.email),\(person.phone),academic\n"
        }
        var statements = "id,participant,text\n"
        var mentions = 0
        for (index, speaker) in people.enumerated() {
            for round in 0..<2 {
                var words: [String] = []
                for _ in 0..<4 {
                    let other = people[(index + 1 + Int(rng.next(below: UInt64(people.count - 1)))) % people.count]
                    let forms = Self.mentions(of: other)
                    words.append(forms[Int(rng.next(below: UInt64(forms.count)))])
                    mentions += 1
                    for _ in 0..<3 { words.append(Self.filler[Int(rng.next(below: UInt64(Self.filler.count)))]) }
                }
                // an id made from the speaker's name, as some files have
                let id = "\(Self.ascii(speaker.given.isEmpty ? "x" : speaker.given).lowercased())-\(index)-\(round)"
                statements +=
                    "\(id),\(speaker.id),\"\(words.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\""))\"\n"
            }
        }
        var lookAlikeCount = 0
        for (index, phrase) in Self.lookAlikes.enumerated() {
            for copy in 0..<5 {
                let speaker = people[(index * 5 + copy) % people.count]
                statements += "L\(index)-\(copy),\(speaker.id),\"They said \(phrase) and the talks went on.\"\n"
                lookAlikeCount += 1
            }
        }
        let participantsPath = files.write("participants.csv", participants)
        let statementsPath = files.write("statements.csv", statements)
        for arguments in [
            ["db", "migrate"], ["study", "create", "corpus"], ["import", "participants", participantsPath],
            ["import", "statements", statementsPath, "--participants", participantsPath],
        ] {
            let out = try binary.run(arguments, environment: env)
            try #require(out.status == 0, "\(arguments): \(out)")
        }

        var places: [(String, String)] = []
        for export in ["participants", "statements", "matrix"] {
            let path = files.folder + "/export-\(export).csv"
            let out = try binary.run(["export", export, "--out", path], environment: env)
            try #require(out.status == 0, "\(export): \(out)")
            places.append(("export \(export)", try String(contentsOfFile: path, encoding: .utf8)))
        }
        let dump = try Self.pgDump(bindir: cluster.bindir, url: cluster.url)
        #expect(dump.contains("They said"))
        places.append(("pg_dump", dump))
        places.append(("server log", try String(contentsOfFile: cluster.folder + "/server.log", encoding: .utf8)))

        var leaks: [String] = []
        for (place, text) in places { leaks += Self.leaks(in: text, of: people, where: place) }
        #expect(leaks.isEmpty, "\(leaks.count) leaks:\n\(leaks.prefix(40).joined(separator: "\n"))")

        // false redactions: markers in statements that name no one
        let rows = try admin.query(
            "SELECT external_id, text FROM statements WHERE external_id LIKE 'L%' ORDER BY 1",
            doing: "reading look-alikes"
        ).rows
        var falseRedactions: [String] = []
        for row in rows {
            let text = row[1] ?? ""
            let markers = ["[P", "[NAME]", "[PHONE]", "[EMAIL]", "[REDACTED]"].reduce(0) {
                $0 + text.components(separatedBy: $1).count - 1
            }
            if markers > 0 { falseRedactions.append("\(row[0] ?? ""): \(text)") }
        }
        #expect(rows.count == lookAlikeCount)
        let rate = Double(falseRedactions.count) / Double(max(rows.count, 1))
        print(
            "redaction corpus: \(people.count) participants, \(mentions) mentions in variant forms, "
                + "\(lookAlikeCount) look-alike statements; leaks: \(leaks.count); false redactions: "
                + "\(falseRedactions.count)/\(rows.count) (\(String(format: "%.1f", rate * 100)) %)")
        for line in falseRedactions { print("  false redaction: \(line)") }
        #expect(rate <= 0.05, "\(falseRedactions)")
    }

    static func pgDump(bindir: String, url: String) throws -> String {
        let tool =
            FileManager.default.isExecutableFile(atPath: bindir + "/pg_dump") ? bindir + "/pg_dump" : "/usr/bin/pg_dump"
        let folder = NSTemporaryDirectory() + "vp-dump-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/dump.sql"
        FileManager.default.createFile(atPath: out, contents: nil)
        let child = try Spawn.start(
            tool, ["--no-owner", "--data-only", "-d", url], environment: ProcessInfo.processInfo.environment,
            stdin: "/dev/null", stdout: out, stderr: folder + "/err", currentDirectory: nil)
        let ended = child.wait()
        let err = (try? String(contentsOfFile: folder + "/err", encoding: .utf8)) ?? ""
        try #require(ended.status == 0, "pg_dump failed: \(err)")
        return try String(contentsOfFile: out, encoding: .utf8)
    }
}
