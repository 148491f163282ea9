package io.givefirst.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SealingTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant WHEN = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;

    private static ObjectNode meeting(String recordedBy, String context) {
        return JSON.valueToTree(new MeetingRecordedEvent("m1", recordedBy, "bob", context, "keith raises seed",
                null, WHEN));
    }

    private static ObjectNode meeting() {
        return meeting("alice", "Founders' breakfast");
    }

    @Test
    void personalFieldsAreSealedWithTheirOwnersKeyAndOpenAgain() {
        Sealing sealing = new Sealing(new MemoryDataKeys(dir));
        ObjectNode sealed = sealing.seal(MeetingRecordedEvent.class, meeting());

        assertThat(sealed.toString()).doesNotContain("Founders").doesNotContain("keith");
        assertThat(sealed.path("recordedBy").asString()).isEqualTo("alice");
        assertThat(sealed.path("otherMemberId").asString()).isEqualTo("bob");
        assertThat(Sealed.parse(sealed.path("context").asString()).orElseThrow().memberId()).isEqualTo("alice");
        assertThat(sealing.open(sealed.path("context").asString())).contains("Founders' breakfast");

        ObjectNode opened = sealing.open(MeetingRecordedEvent.class, sealed.deepCopy());
        assertThat(JSON.treeToValue(opened, MeetingRecordedEvent.class))
                .isEqualTo(JSON.treeToValue(meeting(), MeetingRecordedEvent.class));
    }

    @Test
    void sealingTwiceChangesNothingAndTheSameTextSealsDifferentlyEachTime() {
        Sealing sealing = new Sealing(new MemoryDataKeys(dir));
        ObjectNode once = sealing.seal(MeetingRecordedEvent.class, meeting());
        ObjectNode twice = sealing.seal(MeetingRecordedEvent.class, once.deepCopy());
        assertThat(twice).isEqualTo(once);
        assertThat(sealing.seal(MeetingRecordedEvent.class, meeting()).path("context"))
                .isNotEqualTo(once.path("context"));
    }

    @Test
    void textThatLooksSealedIsSealedLikeAnyText() {
        Sealing sealing = new Sealing(new MemoryDataKeys(dir));
        String alices = sealing.seal(MeetingRecordedEvent.class, meeting()).path("context").asString();

        // mallory pastes alice's sealed context, and a value that merely starts like one, as her own texts
        for (String pasted : List.of(alices, "gf1:Jane Doe")) {
            String mallorys = sealing.seal(MeetingRecordedEvent.class, meeting("mallory", pasted))
                    .path("context").asString();
            assertThat(Sealed.parse(mallorys).orElseThrow().memberId()).isEqualTo("mallory");
            assertThat(sealing.open(mallorys)).contains(pasted);
        }
    }

    @Test
    void aPrivateNoteOpensForItsAuthorAloneAndNeverAsPersonalData() {
        Sealing sealing = new Sealing(new MemoryDataKeys(dir));
        String note = sealing.seal(MeetingRecordedEvent.class, meeting()).path("privateNote").asString();

        assertThat(sealing.openPrivate(note, "alice", "alice")).contains("keith raises seed");
        assertThat(sealing.openPrivate(note, "alice", "bob")).isEmpty();
        assertThat(sealing.openPrivate(note, "bob", "bob")).isEmpty();
        assertThat(sealing.open(note)).isEmpty();
        // a note written before sealing existed is still its author's alone
        assertThat(sealing.openPrivate("plain note", "alice", "bob")).isEmpty();
        assertThat(sealing.openPrivate("plain note", "alice", "alice")).contains("plain note");
    }

    @Test
    void aConsumerGrantedPersonalDataCannotUnwrapPrivateKeys() {
        MemoryDataKeys services = new MemoryDataKeys(dir);
        ObjectNode sealed = new Sealing(services).seal(MeetingRecordedEvent.class, meeting());
        MemoryDataKeys granted = new MemoryDataKeys(
                KeyWrapping.personalOnly(LocalKeyEncryptionKey.load(dir.resolve("personal.json"))));
        granted.wrapped.putAll(services.wrapped);
        Sealing analyst = new Sealing(granted);

        assertThat(analyst.open(sealed.path("context").asString())).contains("Founders' breakfast");
        assertThat(analyst.openPrivate(sealed.path("privateNote").asString(), "alice", "alice")).isEmpty();
        assertThat(analyst.open(MeetingRecordedEvent.class, sealed.deepCopy()).path("privateNote"))
                .isEqualTo(sealed.path("privateNote"));
    }

    @Test
    void onceTheMemberIsErasedNothingOfTheirsOpensAndNothingNewIsSealedForThem() {
        MemoryDataKeys keys = new MemoryDataKeys(dir);
        Sealing sealing = new Sealing(keys);
        ObjectNode sealed = sealing.seal(MeetingRecordedEvent.class, meeting());

        keys.erase("alice");

        assertThat(sealing.open(sealed.path("context").asString())).isEmpty();
        assertThat(sealing.openPrivate(sealed.path("privateNote").asString(), "alice", "alice")).isEmpty();
        ObjectNode later = sealing.seal(MeetingRecordedEvent.class, meeting());
        assertThat(later.toString()).doesNotContain("Founders").doesNotContain("keith");
        assertThat(sealing.open(later.path("context").asString())).isEmpty();
        assertThat(keys.wrapped).isEmpty();
    }

    @Test
    void aSealedValueRelabelledWithAnotherMemberOrPurposeDoesNotOpenEvenUnderTheSameKey() {
        Aead one = new MemoryDataKeys(dir).obtain("anyone", KeyPurpose.PERSONAL).orElseThrow();
        DataKeys sameKeyForAll = new DataKeys() {
            @Override
            public Optional<Aead> find(String memberId, KeyPurpose purpose) {
                return Optional.of(one);
            }

            @Override
            public Optional<Aead> obtain(String memberId, KeyPurpose purpose) {
                return Optional.of(one);
            }
        };
        Sealing sealing = new Sealing(sameKeyForAll);
        ObjectNode sealed = sealing.seal(MeetingRecordedEvent.class, meeting());
        Sealed context = Sealed.parse(sealed.path("context").asString()).orElseThrow();
        Sealed note = Sealed.parse(sealed.path("privateNote").asString()).orElseThrow();

        assertThat(sealing.open(context.toString())).contains("Founders' breakfast");
        assertThat(sealing.open(new Sealed(KeyPurpose.PERSONAL, "bob", context.ciphertext()).toString())).isEmpty();
        assertThat(sealing.open(new Sealed(KeyPurpose.PERSONAL, "alice", note.ciphertext()).toString())).isEmpty();
    }

    @Test
    void interestsAreSealedOneByOneAndSurviveTheRecordsTagRules() {
        Sealing sealing = new Sealing(new MemoryDataKeys(dir));
        ObjectNode joined = JSON.valueToTree(new MemberJoinedEvent("carol", "Carol C.", "Builds Things",
                List.of("fintech", "climate"), null, WHEN));
        ObjectNode sealed = sealing.seal(MemberJoinedEvent.class, joined);
        assertThat(sealed.path("interests").size()).isEqualTo(2);
        assertThat(sealed.toString()).doesNotContain("fintech");

        // a reader without keys builds the record from sealed values (the query side); nothing may change them
        MemberJoinedEvent asRead = JSON.treeToValue(sealed, MemberJoinedEvent.class);
        ObjectNode again = sealing.open(MemberJoinedEvent.class, JSON.valueToTree(asRead));
        assertThat(JSON.treeToValue(again, MemberJoinedEvent.class).interests()).containsExactly("fintech", "climate");
        assertThat(again.path("displayName").asString()).isEqualTo("Carol C.");
    }

    @Test
    void plaintextWrittenBeforeSealingExistedIsReadAsItIs() {
        Sealing sealing = new Sealing(new MemoryDataKeys(dir));
        assertThat(sealing.open("Founders' breakfast")).contains("Founders' breakfast");
        assertThat(sealing.open(MeetingRecordedEvent.class, meeting())).isEqualTo(meeting());
    }

    @Test
    void aReaderWithoutWriteAccessCannotSealAndSoNeverShredsByMistake() {
        DataKeys readOnly = (memberId, purpose) -> Optional.empty();
        assertThatThrownBy(() -> new Sealing(readOnly).seal(MeetingRecordedEvent.class, meeting()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEventThatDoesNotNameTheOwnerIsRefusedRatherThanLeftInPlaintext() {
        Sealing sealing = new Sealing(new MemoryDataKeys(dir));
        ObjectNode ownerless = meeting();
        ownerless.remove("recordedBy");
        assertThatThrownBy(() -> sealing.seal(MeetingRecordedEvent.class, ownerless))
                .hasMessageContaining("recordedBy");
    }

    @Test
    void theLocalKeyEncryptionKeyIsCreatedOwnerOnlyAndKeepsOpeningWhatItWrapped() throws Exception {
        Path keys = dir.resolve("keys");
        MemoryDataKeys first = new MemoryDataKeys(keys);
        String sealed = new Sealing(first).seal(MeetingRecordedEvent.class, meeting()).path("context").asString();

        assertThat(Files.getPosixFilePermissions(keys.resolve("personal.json")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.list(keys)).hasSize(2);
        MemoryDataKeys reloaded = new MemoryDataKeys(keys);
        reloaded.wrapped.putAll(first.wrapped);
        assertThat(new Sealing(reloaded).open(sealed)).contains("Founders' breakfast");

        MemoryDataKeys otherKeks = new MemoryDataKeys(dir.resolve("other"));
        otherKeks.wrapped.putAll(first.wrapped);
        assertThatThrownBy(() -> new Sealing(otherKeks).open(sealed)).hasMessageContaining("does not unwrap");
        assertThatThrownBy(() -> LocalKeyEncryptionKey.load(dir.resolve("missing.json")))
                .hasMessageContaining("no key-encryption key");
    }

    @Test
    void aBatchToSealAsksOnlyForTheKeysOfValuesNotSealedYet() {
        MemoryDataKeys keys = new MemoryDataKeys(dir);
        Sealing sealing = new Sealing(keys);
        MeetingRecordedEvent stored = JSON.treeToValue(sealing.seal(MeetingRecordedEvent.class, meeting()),
                MeetingRecordedEvent.class);
        MeetingRecordedEvent plaintext = JSON.treeToValue(meeting("carol", "A walk"), MeetingRecordedEvent.class);
        MeetingRecordedEvent noText = new MeetingRecordedEvent("m3", "dave", "bob", "", null, null, WHEN);

        sealing.prefetchOwnersOf(java.util.List.of(stored));
        assertThat(keys.prefetched).as("everything sealed already: nothing to load").isEmpty();
        sealing.prefetchOwnersOf(java.util.List.of(stored, plaintext, noText));
        assertThat(keys.prefetched).singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.COLLECTION)
                .containsExactlyInAnyOrder(new DataKeys.Wanted("carol", KeyPurpose.PERSONAL),
                        new DataKeys.Wanted("carol", KeyPurpose.PRIVATE));
    }
}
