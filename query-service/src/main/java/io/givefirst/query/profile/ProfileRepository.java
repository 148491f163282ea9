package io.givefirst.query.profile;

import static io.givefirst.query.profile.ProfileFields.DESCRIPTION;
import static io.givefirst.query.profile.ProfileFields.DISPLAY_NAME;
import static io.givefirst.query.profile.ProfileFields.ERASED_AT;
import static io.givefirst.query.profile.ProfileFields.LEFT_AT;
import static io.givefirst.query.profile.ProfileFields.MEMBER_ID;
import static io.givefirst.query.profile.ProfileFields.POSTED_AT;
import static io.givefirst.query.profile.ProfileFields.PROFILE_SEQUENCE;
import static io.givefirst.query.profile.ProfileFields.RESOLVED_AT;
import static io.givefirst.query.profile.ProfileFields.TAGS;
import static io.givefirst.query.profile.ProfileFields.VERSIONS;
import static io.givefirst.query.profile.ProfileFields.WITHDRAWN_AT;

import io.givefirst.query.privacy.PersonalTexts;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/** Reads of the profile read model; other screens use it for display names. */
@Repository
public class ProfileRepository {
    private final ReadModelCollections collections;

    private final PersonalTexts personal;

    ProfileRepository(Generations generations, PersonalTexts personal) {
        this.personal = personal;
        this.collections = generations.liveOf(ProfileProjection.NAME);
    }

    /** The member's profile document, if they ever joined (a profile version was applied). */
    Optional<Document> profile(String memberId) {
        return Optional.ofNullable(collections.get(ProfileProjection.PROFILES).find(Filters.eq("_id", memberId)).first())
                .filter(d -> d.containsKey(PROFILE_SEQUENCE)).map(ProfileRepository::texts);
    }

    /**
     * The document with its texts on top. Shape 1 kept every version under {@code versions} (the current one at
     * {@code profileSequence}); it answers until the rebuild into shape 2 is live.
     */
    private static Document texts(Document profile) {
        Document versions = profile.get(VERSIONS, Document.class);
        if (versions == null) {
            return profile;
        }
        Document current = versions.get(String.valueOf(((Number) profile.get(PROFILE_SEQUENCE)).longValue()), Document.class);
        Document merged = new Document(profile);
        if (current != null) {
            merged.putAll(current);
        }
        return merged;
    }

    /** Every need the member posted, open or resolved, newest first. */
    List<Document> needsOf(String memberId) {
        return collections.get(ProfileProjection.NEEDS).find(Filters.and(Filters.eq(MEMBER_ID, memberId),
                Filters.exists(DESCRIPTION, true))).sort(Sorts.descending(POSTED_AT)).into(new ArrayList<>());
    }

    /** Every offer the member posted, open or withdrawn, newest first. */
    List<Document> offersOf(String memberId) {
        return collections.get(ProfileProjection.OFFERS).find(Filters.and(Filters.eq(MEMBER_ID, memberId),
                Filters.exists(DESCRIPTION, true))).sort(Sorts.descending(POSTED_AT)).into(new ArrayList<>());
    }

    List<Document> openNeeds(String memberId) {
        return collections.get(ProfileProjection.NEEDS).find(Filters.and(Filters.eq(MEMBER_ID, memberId), Filters.exists(RESOLVED_AT, false),
                Filters.exists(DESCRIPTION, true))).sort(Sorts.descending(POSTED_AT)).into(new ArrayList<>());
    }

    List<Document> openOffers(String memberId) {
        return collections.get(ProfileProjection.OFFERS).find(Filters.and(Filters.eq(MEMBER_ID, memberId), Filters.exists(WITHDRAWN_AT, false),
                Filters.exists(DESCRIPTION, true))).sort(Sorts.descending(POSTED_AT)).into(new ArrayList<>());
    }

    /** Open needs of other members carrying any of these tags, newest first, at most {@code max}. */
    List<Document> openNeedsTagged(Collection<String> tags, String exceptMemberId, int max) {
        return collections.get(ProfileProjection.NEEDS).find(Filters.and(Filters.in(TAGS, tags), Filters.ne(MEMBER_ID, exceptMemberId),
                        Filters.exists(RESOLVED_AT, false), Filters.exists(DESCRIPTION, true)))
                .sort(Sorts.descending(POSTED_AT)).limit(max).into(new ArrayList<>());
    }

    /** Display names by member id, opened ({@link PersonalTexts#name}); members not seen yet are absent. */
    public Map<String, String> displayNames(Collection<String> memberIds) {
        Map<String, String> names = new HashMap<>();
        if (!memberIds.isEmpty()) {
            Map<String, String> stored = new HashMap<>();
            collections.get(ProfileProjection.PROFILES).find(Filters.in("_id", memberIds))
                    .projection(Projections.include(DISPLAY_NAME, PROFILE_SEQUENCE, VERSIONS, ERASED_AT))
                    .forEach(d -> {
                        if (!d.containsKey(PROFILE_SEQUENCE)) {
                            return;
                        }
                        if (d.containsKey(ERASED_AT)) {
                            names.put(d.getString("_id"), PersonalTexts.FORMER_MEMBER);
                        } else {
                            stored.put(d.getString("_id"), texts(d).getString(DISPLAY_NAME));
                        }
                    });
            personal.prefetch(stored.values());
            stored.forEach((id, name) -> names.put(id, personal.name(name)));
        }
        return names;
    }

    /** Members who have left or were erased, among these. */
    public java.util.Set<String> departed(Collection<String> memberIds) {
        java.util.Set<String> left = new java.util.HashSet<>();
        if (!memberIds.isEmpty()) {
            collections.get(ProfileProjection.PROFILES).find(Filters.and(Filters.in("_id", memberIds),
                            Filters.or(Filters.exists(LEFT_AT, true), Filters.exists(ERASED_AT, true))))
                    .projection(Projections.include("_id")).forEach(d -> left.add(d.getString("_id")));
        }
        return left;
    }
}
