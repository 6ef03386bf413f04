package dev.trueline.adapter.scripted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The scripted model's answer: an echo of the prompt without its directives, then fixed sentences. */
class ScriptedReplyTest {

    @Test
    void theEchoLeavesTheDirectivesOut() {
        String text = ScriptedReply.text("Tell me #chunks=5 a story #delay-ms=10 #pause-ms=1 #fail-after=9", 5);

        assertTrue(text.startsWith("You said: \"Tell me a story\". "), text);
    }

    @Test
    void aPromptOfDirectivesOnlyIsEchoedEmpty() {
        assertTrue(ScriptedReply.text(" #chunks=3 #delay-ms=1\n", 3).startsWith("You said: \"\". "));
    }

    @Test
    void aPromptWithoutDirectivesIsEchoedStripped() {
        assertTrue(ScriptedReply.text("  Hello there \n", 20).startsWith("You said: \"Hello there\". "));
    }

    @Test
    void theAnswerComesInExactlyTheAskedChunksThatJoinToItsText() {
        String prompt = "Count with me #chunks=7";

        List<String> chunks = ScriptedReply.chunks(prompt, 7);

        assertEquals(7, chunks.size());
        assertEquals(ScriptedReply.text(prompt, 7), String.join("", chunks));
    }
}
