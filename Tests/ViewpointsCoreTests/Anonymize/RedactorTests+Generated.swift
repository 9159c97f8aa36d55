import Foundation
import Testing
import ViewpointsCore

extension RedactorTests {
    @Test func generatedTextsLeakNoIdentifierAndCountEveryReplacement() {
        var rng = FixtureRandom(seed: 0x5EED_2018)
        for round in 0..<40 {
            let participants = (0..<Int.random(in: 1...12, using: &rng)).map {
                RedactionFixtures.participant($0, using: &rng)
            }
            let redactor = Redactor(participants: participants, terms: ["Kabul"])
            let identifying = participants.flatMap { participant in
                participant.identifyingValues + participant.nameParts
                    + participant.nameParts.flatMap {
                        $0.split(separator: "-").map(String.init)
                    }
            }
            for _ in 0..<25 {
                var text = ""
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    text += RedactionFixtures.filler(targetLength: Int.random(in: 0...80, using: &rng), using: &rng)
                    text += Self.variant(of: identifying.randomElement(using: &rng)!, using: &rng)
                    text += ["", "'s", "’s", ".", ",", ")", "!", ":"].randomElement(using: &rng)!
                    text += RedactionFixtures.punctuation.randomElement(using: &rng)!
                }
                var counts: [RedactionKind: Int] = [:]
                let counted = redactor.redactCounting(text, into: &counts)
                let result = redactor.redact(text)
                #expect(counted == result.text, "round \(round)")
                #expect(counts.values.reduce(0, +) == result.redactions.count)
                for kind in RedactionKind.allCases {
                    #expect(counts[kind, default: 0] == result.redactions.filter { $0.kind == kind }.count)
                }
                #expect(Self.applying(result.redactions, to: text) == result.text)
                let words = Set(Self.words(of: result.text.lowercased()))
                for value in identifying where value.unicodeScalars.filter(\.properties.isAlphabetic).count >= 3 {
                    let valueWords = Self.words(of: value.lowercased())
                    let leaked =
                        valueWords.count == 1
                        ? words.contains(valueWords[0])
                        : Self.words(of: result.text.lowercased()).joined(separator: " ")
                            .contains(valueWords.joined(separator: " "))
                    #expect(!leaked, "\(value) survived in \(result.text)")
                }
                for participant in participants {
                    let phoneDigits = participant.identifyingValues[2].filter(\.isNumber)
                    #expect(!result.text.filter(\.isNumber).contains(phoneDigits))
                    #expect(!result.text.lowercased().contains(participant.identifyingValues[1].lowercased()))
                }
            }
        }
    }

    /// The value in random letter case, with its spaces widened at random.
    static func variant(of value: String, using rng: inout FixtureRandom) -> String {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return value.uppercased()
        case 1: return value.lowercased()
        case 2: return value.replacingOccurrences(of: " ", with: "  ")
        default: return value
        }
    }

    /// Whole words: runs of letters, digits and combining marks.
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
                current.append(scalar)
            default:
                if !current.isEmpty { words.append(String(current)) }
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// The input with each redaction's scalar range replaced by its replacement.
    static func applying(_ redactions: [Redaction], to text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var last = 0
        for redaction in redactions {
            out.append(contentsOf: scalars[last..<redaction.range.lowerBound])
            #expect(String(String.UnicodeScalarView(scalars[redaction.range])) == redaction.original)
            out.append(contentsOf: redaction.replacement.unicodeScalars)
            last = redaction.range.upperBound
        }
        out.append(contentsOf: scalars[last...])
        return String(out)
    }
}
