import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// No identifying value of a generated participants file reaches any column of any table.
@Suite(.database)
struct AnonymizationPropertyTests {
    static let syllables = ["zar", "qui", "mol", "vek", "tash", "rin", "dov", "lu", "ham", "sef", "nor", "bex"]
    static let filler = [
        "relations", "with", "the", "region", "are", "strained", "said", "that", "policy", "must", "change",
        "trust", "between", "both", "sides", "is", "low", "and", "talks", "should", "resume",
    ]

    struct Person {
        var id: String
        var name: String
        var email: String
        var phone: String
    }

    static func word(_ rng: inout SplitMix64) -> String {
        let count = 2 + Int(rng.next(below: 2))
        return (0..<count).map { _ in syllables[Int(rng.next(below: UInt64(syllables.count)))] }.joined()
    }

    static func people(_ count: Int, _ rng: inout SplitMix64) -> [Person] {
        var people: [Person] = []
        var used = Set<String>()
        while people.count < count {
            var first = word(&rng).capitalized
            let last = word(&rng).capitalized
            if rng.next(below: 5) == 0 { first = "Al-" + first }
            let name = "\(first) \(last)"
            guard used.insert(name.lowercased()).inserted else { continue }
            let email = "\(first.lowercased()).\(last.lowercased())@example.org"
            let phone = "+92 3\(rng.next(below: 10))\(rng.next(below: 10)) \(1_000_000 + rng.next(below: 8_999_999))"
            people.append(Person(id: "staff-\(people.count + 1000)", name: name, email: email, phone: phone))
        }
        return people
    }

    static func mention(_ person: Person, _ rng: inout SplitMix64) -> String {
        let parts = person.name.split(separator: " ").map(String.init)
        switch rng.next(below: 6) {
        case 0: return person.name
        case 1: return person.name.uppercased()
        case 2: return "\(parts.last!)'s"
        case 3: return "(\(person.email))."
        case 4: return person.phone
        default: return parts.first!
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func noIdentifyingValueReachesTheDatabase(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let db = try TestDatabase()
        let files = TestFiles()
        let store = try db.store()
        let study = try store.createStudy(slug: "prop", title: "").study
        let people = Self.people(12, &rng)
        var participants = "participant,name,email,phone,constituency\n"
        for person in people {
            participants += "\(person.id),\(person.name),\(person.email),\(person.phone),academic\n"
        }
        var statements = "participant,text,question\n"
        for _ in 0..<80 {
            let speaker = people[Int(rng.next(below: UInt64(people.count)))]
            var words: [String] = []
            for _ in 0..<(8 + Int(rng.next(below: 20))) {
                if rng.next(below: 6) == 0 {
                    words.append(Self.mention(people[Int(rng.next(below: UInt64(people.count)))], &rng))
                } else {
                    words.append(Self.filler[Int(rng.next(below: UInt64(Self.filler.count)))])
                }
            }
            let question = "What did \(Self.mention(people[Int(rng.next(below: UInt64(people.count)))], &rng)) say?"
            statements += "\(speaker.id),\"\(words.joined(separator: " "))\",\"\(question)\"\n"
        }
        let participantsPath = files.write("participants.csv", participants)
        _ = try store.importParticipants(path: participantsPath, study: study, options: .init())
        var options = StatementImportOptions()
        options.participantsPath = participantsPath
        _ = try store.importStatements(path: files.write("statements.csv", statements), study: study, options: options)

        let everything = try db.snapshot().values.flatMap { $0 }.joined(separator: "\n").lowercased()
        #expect(everything.contains("academic"))
        for person in people {
            for value in [person.id, person.name, person.email, person.phone] {
                #expect(!everything.contains(value.lowercased()), "\(value) reached the database")
            }
            for part in person.name.split(whereSeparator: { $0 == " " || $0 == "-" }) where part.count >= 3 {
                let pattern = "\\b\(NSRegularExpression.escapedPattern(for: part.lowercased()))\\b"
                #expect(
                    everything.range(of: pattern, options: .regularExpression) == nil, "\(part) reached the database")
            }
        }
    }
}
