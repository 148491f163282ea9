package io.givefirst.query.profile;

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

    ProfileRepository(Generations generations) {
        this.collections = generations.liveOf(ProfileProjection.NAME);
    }

    /** The member's profile document with its current version's fields on top, if they ever joined. */
    Optional<Document> profile(String memberId) {
        return Optional.ofNullable(collections.get(ProfileProjection.PROFILES).find(Filters.eq("_id", memberId)).first())
                .flatMap(d -> current(d).map(version -> {
                    Document profile = new Document(d);
                    profile.putAll(version);
                    return profile;
                }));
    }

    /** The newest profile version: {@code versions[profileSequence]}. */
    private static Optional<Document> current(Document profile) {
        Document versions = profile.get("versions", Document.class);
        Object sequence = profile.get("profileSequence");
        return versions == null || sequence == null ? Optional.empty()
                : Optional.ofNullable(versions.get(String.valueOf(((Number) sequence).longValue()), Document.class));
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

    /** Display names by member id; members not seen yet are absent. */
    public Map<String, String> displayNames(Collection<String> memberIds) {
        Map<String, String> names = new HashMap<>();
        if (!memberIds.isEmpty()) {
            collections.get(ProfileProjection.PROFILES).find(Filters.in("_id", memberIds))
                    .projection(Projections.include("versions", "profileSequence"))
                    .forEach(d -> current(d).ifPresent(v -> names.put(d.getString("_id"), v.getString("displayName"))));
        }
        return names;
    }

    /** Members who have left, among these. */
    public java.util.Set<String> departed(Collection<String> memberIds) {
        java.util.Set<String> left = new java.util.HashSet<>();
        if (!memberIds.isEmpty()) {
            collections.get(ProfileProjection.PROFILES).find(Filters.and(Filters.in("_id", memberIds), Filters.exists("leftAt", true)))
                    .projection(Projections.include("_id")).forEach(d -> left.add(d.getString("_id")));
        }
        return left;
    }
}
