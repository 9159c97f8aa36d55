import Testing

@testable import ViewpointsCore

@Suite struct PseudonymTests {
    @Test(arguments: [(7, 2, "P07"), (7, 3, "P007"), (120, 2, "P120"), (1, 0, "P1")])
    func padsTheNumberToTheStudyWidth(_ number: Int, _ width: Int, _ expected: String) {
        #expect(Pseudonym.name(number: number, width: width) == expected)
    }

    @Test func widthIsAtLeastTwoAndFitsEveryone() {
        #expect(Pseudonym.width(participants: 5) == 2)
        #expect(Pseudonym.width(participants: 99) == 2)
        #expect(Pseudonym.width(participants: 100) == 3)
    }

    @Test func numbersAreNeverGivenTwice() {
        #expect(Pseudonym.nextNumber(after: []) == 1)
        // a withdrawn participant's 9 counts as given, however the list is ordered
        #expect(Pseudonym.nextNumber(after: [3, 9, 4]) == 10)
    }

    @Test func anIdentifierWithLettersAndNoAtSignIsTakenForAName() {
        #expect(RedactionParticipant(pseudonym: "P01", identifier: "Ann Lee").nameParts == ["Ann", "Lee"])
        #expect(RedactionParticipant(pseudonym: "P01", identifier: "ann@example.org").nameParts.isEmpty)
        #expect(RedactionParticipant(pseudonym: "P01", identifier: "10442").nameParts.isEmpty)
        #expect(RedactionParticipant(pseudonym: "P01", identifier: "10442").identifyingValues == ["10442"])
    }

    @Test func theIdentifierDigestIgnoresCaseAndSpacing() {
        let key = Array(repeating: UInt8(7), count: 32)
        #expect(
            Hashing.identifierDigest(key: key, identifier: "  Ann   LEE ")
                == Hashing.identifierDigest(key: key, identifier: "ann lee"))
        #expect(
            Hashing.identifierDigest(key: key, identifier: "ann lee")
                != Hashing.identifierDigest(key: key, identifier: "ann lea"))
    }
}
