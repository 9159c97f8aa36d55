import ViewpointsCore

/// A small deterministic random generator (FixtureRandom) for generated redaction tests and the benchmark.
struct FixtureRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Invented personas and filler prose for generated redaction tests; no real people.
enum RedactionFixtures {
    static let firstNames = [
        "Zarvan", "Mehrun", "Tazeen", "Qudsia", "Farhib", "Ilmara", "Shenaz", "Rukhsar", "Dawud", "Yusrina",
        "Kamdar", "Nurell", "Sabreen", "Zoë", "Elaheh", "Baqirun", "Hamzeel", "Parveza", "Orlain", "Junaidra",
        "عمران", "ثمینہ", "Ghazalin", "Wasifa", "Tariqon",
    ]
    static let lastNames = [
        "Qasrani", "Mirzadeh", "Al-Hassanov", "Durrani-Vale", "Sethwick", "Khandoor", "Baluchar", "Zaidwell",
        "Rahimoff", "Nishtarak", "Chaudry-Lune", "Abbasine", "Gillanis", "Malikzai", "Shirazeh", "Thorvaqi",
        "قریشی", "Ahmedov", "Farooqen", "Hashmira",
    ]
    static let fillerWords = [
        "relations", "are", "at", "their", "lowest", "since", "the", "United", "States", "and", "Pakistan",
        "should", "engage", "with", "regional", "partners", "most", "discussants", "said", "that", "trust", "was",
        "lost", "after", "years", "of", "mismanagement", "China", "India", "Afghanistan", "Taliban", "policy",
        "economic", "security", "cooperation", "is", "needed", "we", "must", "prioritize", "a", "strategy",
        "2017", "60", "9/11", "1,000,000", "F-16", "3.5", "10:30", "2017-07-15", "per", "cent", "Kabul",
    ]
    static let punctuation = [" ", " ", " ", ", ", ". ", "; ", " (", ") ", " \"", "\" ", ": ", " - ", "\n", "! "]

    /// A participant with an invented name, e-mail and phone.
    static func participant(_ index: Int, using rng: inout FixtureRandom) -> RedactionParticipant {
        let first = firstNames.randomElement(using: &rng)!
        let last = lastNames.randomElement(using: &rng)!
        let local = "\(first).\(last)".filter { $0.isASCII && ($0.isLetter || $0 == ".") }.lowercased()
        let email = "\(local.isEmpty ? "user" : local)\(index)@example.org"
        let phone = "+92 3\(Int.random(in: 10...49, using: &rng)) \(Int.random(in: 1_000_000...9_999_999, using: &rng))"
        let pseudonym = index < 9 ? "P0\(index + 1)" : "P\(index + 1)"
        return RedactionParticipant(
            pseudonym: pseudonym, name: "\(first) \(last)", otherIdentifyingValues: [email, phone])
    }

    /// A statement of filler prose about `targetLength` characters long.
    static func filler(targetLength: Int, using rng: inout FixtureRandom) -> String {
        var text = ""
        while text.utf8.count < targetLength {
            text += fillerWords.randomElement(using: &rng)!
            text += punctuation.randomElement(using: &rng)!
        }
        return text
    }
}
