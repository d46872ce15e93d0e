import Testing
@testable import Clean

/// The fallback language guess, on short passages we wrote in each language.
@Suite("language detector")
struct LanguageDetectorTests {
    @Test(
        "Latin-script languages are told apart by their function words",
        arguments: [
            (
                "en",
                "The council said on Tuesday that the bridge over the river will stay closed for repairs until the end of the month."
            ),
            (
                "fr",
                "Le conseil a dit mardi que le pont sur la rivière restera fermé pour des travaux jusqu'à la fin du mois, et les bus sont déviés."
            ),
            (
                "es",
                "El consejo dijo el martes que el puente sobre el río seguirá cerrado por obras hasta el final del mes y que los autobuses se desvían."
            ),
            (
                "de",
                "Der Rat sagte am Dienstag, dass die Brücke über den Fluss bis zum Ende des Monats für Reparaturen gesperrt bleibt und die Busse umgeleitet werden."
            ),
            (
                "nl",
                "De gemeente zei dinsdag dat de brug over de rivier tot het einde van de maand dicht blijft voor herstel en dat de bussen worden omgeleid."
            ),
        ])
    func latin(language: String, text: String) {
        #expect(LanguageDetector.detect([text]) == language)
    }

    @Test("capitals and punctuation do not hide a function word")
    func capitals() {
        let shouting = "THE COUNCIL SAID THAT THE BRIDGE OVER THE RIVER WILL STAY CLOSED, AND THAT IT WAS NOT SAFE."
        #expect(LanguageDetector.detect([shouting]) == "en")
    }

    @Test("non-Latin scripts decide by their letters; kana makes Han text Japanese")
    func scripts() {
        #expect(
            LanguageDetector.detect([
                "Городской совет сообщил во вторник, что мост через реку останется закрытым до конца месяца."
            ]) == "ru")
        #expect(LanguageDetector.detect(["市议会周二表示，这座跨河大桥将关闭到月底进行维修，公交车改道行驶。"]) == "zh")
        #expect(LanguageDetector.detect(["市議会は火曜日、川にかかる橋は修理のため月末まで閉鎖されると発表した。"]) == "ja")
        #expect(LanguageDetector.detect(["시의회는 화요일 강을 가로지르는 다리가 수리를 위해 이달 말까지 폐쇄된다고 밝혔다."]) == "ko")
    }

    @Test("a few foreign letters in English text do not change its language")
    func mixed() {
        let text =
            "The Tokyo correspondent said the sign read 東京駅 and that the station had reopened on Tuesday after the storm."
        #expect(LanguageDetector.detect([text]) == "en")
    }

    @Test("too little text, or text without function words, gives no guess")
    func unclear() {
        #expect(LanguageDetector.detect(["Bridge closed"]) == nil)
        #expect(LanguageDetector.detect([]) == nil)
        #expect(
            LanguageDetector.detect(["Xylo quartz vexed jumpy frogs, blazing kiwis, crumpled widgets, glossy yaks."])
                == nil)
    }

    @Test("only the first paragraphs are read: a long English article ending in French stays English")
    func sampling() {
        let english = String(
            repeating: "The council said that the bridge over the river will stay closed for repairs. ", count: 60)
        let french = String(
            repeating: "Le conseil a dit que le pont sur la rivière restera fermé pour des travaux. ", count: 200)
        #expect(LanguageDetector.detect([english, french, french, french]) == "en")
    }
}
