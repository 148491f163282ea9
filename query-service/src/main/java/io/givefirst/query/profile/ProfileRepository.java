package io.givefirst.query.profile;

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
                .filter(d -> d.containsKey("profileSequence")).map(ProfileRepository::texts);
    }

    /**
     * The document with its texts on top. Shape 1 kept every version under {@code versions} (the current one at
     * {@code profileSequence}); it answers until the rebuild into shape 2 is live.
     */
    private static Document texts(Document profile) {
        Document versions = profile.get("versions", Document.class);
        if (versions == null) {
            return profile;
        }
        Document current = versions.get(String.valueOf(((Number) profile.get("profileSequence")).longValue()), Document.class);
        Document merged = new Document(profile);
        if (current != null) {
            merged.putAll(current);
        }
        return merged;
    }

    /** Every need the member posted, open or resolved, newest first. */
    List<Document> needsOf(String memberId) {
        return collections.get(ProfileProjection.NEEDS).find(Filters.and(Filters.eq("memberId", memberId),
                Filters.exists("description", true))).sort(Sorts.descending("postedAt")).into(new ArrayList<>());
    }

    /** Every offer the member posted, open or withdrawn, newest first. */
    List<Document> offersOf(String memberId) {
        return collections.get(ProfileProjection.OFFERS).find(Filters.and(Filters.eq("memberId", memberId),
                Filters.exists("description", true))).sort(Sorts.descending("postedAt")).into(new ArrayList<>());
    }

    List<Document> openNeeds(String memberId) {
        return collections.get(ProfileProjection.NEEDS).find(Filters.and(Filters.eq("memberId", memberId), Filters.exists("resolvedAt", false),
                Filters.exists("description", true))).sort(Sorts.descending("postedAt")).into(new ArrayList<>());
    }

    List<Document> openOffers(String memberId) {
        return collections.get(ProfileProjection.OFFERS).find(Filters.and(Filters.eq("memberId", memberId), Filters.exists("withdrawnAt", false),
                Filters.exists("description", true))).sort(Sorts.descending("postedAt")).into(new ArrayList<>());
    }

    /** Open needs of other members carrying any of these tags, newest first, at most {@code max}. */
    List<Document> openNeedsTagged(Collection<String> tags, String exceptMemberId, int max) {
        return collections.get(ProfileProjection.NEEDS).find(Filters.and(Filters.in("tags", tags), Filters.ne("memberId", exceptMemberId),
                        Filters.exists("resolvedAt", false), Filters.exists("description", true)))
                .sort(Sorts.descending("postedAt")).limit(max).into(new ArrayList<>());
    }

    /** Display names by member id, opened ({@link PersonalTexts#name}); members not seen yet are absent. */
    public Map<String, String> displayNames(Collection<String> memberIds) {
        Map<String, String> names = new HashMap<>();
        if (!memberIds.isEmpty()) {
            Map<String, String> stored = new HashMap<>();
            collections.get(ProfileProjection.PROFILES).find(Filters.in("_id", memberIds))
                    .projection(Projections.include("displayName", "profileSequence", "versions", "erasedAt"))
                    .forEach(d -> {
                        if (!d.containsKey("profileSequence")) {
                            return;
                        }
                        if (d.containsKey("erasedAt")) {
                            names.put(d.getString("_id"), PersonalTexts.FORMER_MEMBER);
                        } else {
                            stored.put(d.getString("_id"), texts(d).getString("displayName"));
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
                            Filters.or(Filters.exists("leftAt", true), Filters.exists("erasedAt", true))))
                    .projection(Projections.include("_id")).forEach(d -> left.add(d.getString("_id")));
        }
        return left;
    }
}
