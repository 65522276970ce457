package io.genrec.llm.crs;

import io.genrec.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadersTest {
    @TempDir Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, List.of(lines));
        return p;
    }

    @Test
    void officialRedialKeepsSpeakersAndForms() throws IOException {
        Path f = write("test_data.jsonl", """
                {"movieMentions": {"111": "Super Troopers (2001)"}, "respondentQuestions": {"111": {"suggested": 0, "seen": 1, "liked": 1}}, \
                "initiatorQuestions": {"111": {"suggested": 0, "seen": 1, "liked": 0}}, "conversationId": "20001", "initiatorWorkerId": 7, \
                "respondentWorkerId": 8, "messages": [{"text": "like @111", "senderWorkerId": 7, "messageId": 1}, {"text": "ok", "senderWorkerId": 8, "messageId": 2}]}""");
        List<RedialLoader.Dialogue> d = RedialLoader.readOfficial(f);
        assertEquals(1, d.size());
        assertTrue(d.getFirst().messages().get(0).seeker());
        assertFalse(d.getFirst().messages().get(1).seeker());
        assertEquals(0, d.getFirst().seekerForms().get("111").liked());
        assertEquals("Super Troopers (2001)", d.getFirst().mentions().get("111"));
    }

    @Test
    void officialRedialErrorNamesFileLineAndField() throws IOException {
        Path f = write("bad.jsonl", "{\"conversationId\": \"1\", \"initiatorWorkerId\": 1, \"messages\": []}", "{\"conversationId\": \"2\", \"messages\": []}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> RedialLoader.readOfficial(f));
        assertTrue(e.getMessage().contains("bad.jsonl:2") && e.getMessage().contains("initiatorWorkerId"), e.getMessage());
    }

    @Test
    void ievalmSamplesAlternateSpeakersBackwardsAndResolveTargets() throws IOException {
        write("redial/id2info.json", "{\"1\": {\"name\": \"Alpha (2001)\", \"genre\": [\"comedy\"], \"plot\": \"p\", \"director\": [], \"writer\": [], \"star\": [\"Ann Lee\"]}}");
        write("redial/entity2id.json", "{\"Alpha (2001)\": 0, \"Beta  (2002)\": 1, \"comedy\": 2}");
        write("redial/item_ids.json", "[0, 1]");
        write("redial/valid_data.jsonl", "{\"movieMentions\": {\"1\": \"Alpha (2001)\"}}");
        String sample = "{\"dialog_id\": \"9\", \"turn_id\": 3, \"context\": [\"hi\", \"what do you like?\", \"I like Alpha (2001)\"], "
                + "\"entity\": [\"Alpha (2001)\", \"comedy\"], \"rec\": [\"Alpha (2001)\", \"Beta (2002)\"], \"resp\": \"try Beta (2002)\"}";
        write("redial_eval/valid_data_processed.jsonl", sample);
        write("redial_eval/test_data_processed.jsonl", sample);
        CrsDataset d = RedialLoader.loadIevalm(dir);
        assertEquals(2, d.catalog().size());
        assertEquals(List.of("comedy"), d.catalog().get(0).genres());
        assertEquals("Beta (2002)", d.catalog().get(1).name());
        CrsSample s = d.test().getFirst();
        assertTrue(s.context().get(2).seeker());
        assertFalse(s.context().get(1).seeker());
        assertTrue(s.context().get(0).seeker());
        assertArrayEquals(new int[] {0, 1}, s.targets());
        assertArrayEquals(new int[] {1}, s.freshTargets());
        assertEquals(1, d.tuneMentions()[0]);
    }

    @Test
    void ievalmUnknownTargetIsAnErrorWithLine() throws IOException {
        write("redial/id2info.json", "{}");
        write("redial/entity2id.json", "{\"Alpha (2001)\": 0}");
        write("redial/item_ids.json", "[0]");
        write("redial/valid_data.jsonl", "");
        write("redial_eval/valid_data_processed.jsonl", "{\"context\": [\"x\"], \"rec\": [\"Gamma (1999)\"]}");
        write("redial_eval/test_data_processed.jsonl", "");
        DataFormatException e = assertThrows(DataFormatException.class, () -> RedialLoader.loadIevalm(dir));
        assertTrue(e.getMessage().contains(":1") && e.getMessage().contains("Gamma"), e.getMessage());
    }

    @Test
    void inspiredMergesSameSpeakerRunsAndMakesOneSamplePerRecommendationTurn() throws IOException {
        String header = "dialog_id\tutt_id\tspeaker\tturn_id\ttext\ttext_with_placeholder\tmovies\tgenres";
        write("inspired/dialog_data/dev.tsv", header,
                "d1\t1\tRECOMMENDER\t1\tHi!\tHi!\t\t",
                "d1\t2\tSEEKER\t1\tI liked QUOTATION_MARKHustlersQUOTATION_MARK\tx\tHustlers (2019)\t",
                "d1\t3\tSEEKER\t1\tand comedies\tx\t\tcomedy",
                "d1\t4\tRECOMMENDER\t2\tTry Deadpool\tx\tDeadpool (2016)\t");
        write("inspired/dialog_data/test.tsv", header, "d2\t1\tSEEKER\t1\thello\thello\t\t", "d2\t2\tRECOMMENDER\t1\tJoker?\tx\tJoker (2019); Hustlers (2019)\t");
        CrsDataset d = InspiredLoader.load(dir.resolve("inspired"), null);
        assertEquals(3, d.catalog().size());
        assertEquals(1, d.tune().size());
        CrsSample s = d.tune().getFirst();
        assertEquals(2, s.context().size());
        assertEquals("I liked \"Hustlers\" and comedies", s.context().get(1).text());
        assertArrayEquals(new int[] {d.catalog().indexOfName("Deadpool (2016)")}, s.targets());
        assertEquals(2, d.test().getFirst().targets().length);
    }

    @Test
    void inspiredBadSpeakerNamesLine() throws IOException {
        write("inspired/dialog_data/dev.tsv", "dialog_id\tspeaker\ttext\tmovies", "d1\tBOT\thi\t");
        write("inspired/dialog_data/test.tsv", "dialog_id\tspeaker\ttext\tmovies");
        DataFormatException e = assertThrows(DataFormatException.class, () -> InspiredLoader.load(dir.resolve("inspired"), null));
        assertTrue(e.getMessage().contains("dev.tsv:2") && e.getMessage().contains("speaker"), e.getMessage());
    }
}
