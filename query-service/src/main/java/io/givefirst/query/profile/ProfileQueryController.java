package io.givefirst.query.profile;

import static io.givefirst.query.profile.ProfileFields.DESCRIPTION;
import static io.givefirst.query.profile.ProfileFields.DISPLAY_NAME;
import static io.givefirst.query.profile.ProfileFields.ERASED_AT;
import static io.givefirst.query.profile.ProfileFields.HEADLINE;
import static io.givefirst.query.profile.ProfileFields.INTERESTS;
import static io.givefirst.query.profile.ProfileFields.JOINED_AT;
import static io.givefirst.query.profile.ProfileFields.LEFT_AT;
import static io.givefirst.query.profile.ProfileFields.MEMBER_ID;
import static io.givefirst.query.profile.ProfileFields.POSTED_AT;
import static io.givefirst.query.profile.ProfileFields.TAGS;

import io.givefirst.query.consistency.ReadsFrom;
import io.givefirst.query.privacy.MemberData;
import io.givefirst.query.privacy.PersonalTexts;
import io.givefirst.shared.web.RuleViolation;
import io.givefirst.shared.web.SharedRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@ReadsFrom(ProfileProjection.NAME)
@Tag(name = "Profiles", description = "A member's profile with open needs and offers; suggestions of whom to help")
class ProfileQueryController implements MemberData {
    private static final int CANDIDATES = 200;
    private final ProfileRepository profiles;
    private final PersonalTexts personal;

    record ProfileData(Profile profile, List<Item> needs, List<Item> offers) {
    }

    @Override
    public String section() {
        return "profile";
    }

    /** The profile and every need and offer ever posted, resolved and withdrawn ones included. */
    @Override
    public Object of(String memberId) {
        return new ProfileData(profile(memberId), items(profiles.needsOf(memberId)), items(profiles.offersOf(memberId)));
    }

    ProfileQueryController(ProfileRepository profiles, PersonalTexts personal) {
        this.personal = personal;
        this.profiles = profiles;
    }

    record Item(String id, String description, List<String> tags, Instant postedAt) {
    }

    record Profile(String memberId, String displayName, String headline, List<String> interests, Instant joinedAt,
                   boolean active, List<Item> openNeeds, List<Item> openOffers) {
    }

    record Suggestion(String needId, String memberId, String displayName, String description, List<String> tags,
                      List<String> matchingTags, Instant postedAt) {
    }

    @Operation(summary = "A member's profile with open needs and offers")
    @GetMapping("/members/{memberId}")
    Profile profile(@PathVariable String memberId) {
        Document p = profiles.profile(memberId)
                .orElseThrow(() -> new RuleViolation(SharedRules.UNKNOWN_MEMBER, "no member has the id " + memberId));
        if (p.get(ERASED_AT) != null) {
            // what was written before sealing existed is plaintext: an erased member's profile is not shown at all
            return new Profile(memberId, PersonalTexts.FORMER_MEMBER, null, List.of(), instant(p.getDate(JOINED_AT)),
                    false, List.of(), List.of());
        }
        return new Profile(memberId, personal.name(p.getString(DISPLAY_NAME)), personal.text(p.getString(HEADLINE)),
                personal.texts(p.getList(INTERESTS, String.class, List.of())), instant(p.getDate(JOINED_AT)),
                p.get(LEFT_AT) == null, items(profiles.openNeeds(memberId)), items(profiles.openOffers(memberId)));
    }

    @Operation(summary = "Open needs of other members that match my open offers, best match first")
    @GetMapping("/members/{memberId}/suggestions")
    List<Suggestion> suggestions(@PathVariable String memberId, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100");
        }
        Set<String> offered = new LinkedHashSet<>();
        profiles.openOffers(memberId).forEach(o -> offered.addAll(o.getList(TAGS, String.class, List.of())));
        if (offered.isEmpty()) {
            return List.of();
        }
        List<Document> candidates = profiles.openNeedsTagged(offered, memberId, CANDIDATES);
        Set<String> owners = new HashSet<>();
        candidates.forEach(n -> owners.add(n.getString(MEMBER_ID)));
        Set<String> departed = profiles.departed(owners);
        personal.prefetch(candidates.stream().map(n -> n.getString(DESCRIPTION)).toList());
        Map<String, String> names = profiles.displayNames(owners);
        List<Suggestion> suggestions = new ArrayList<>();
        for (Document need : candidates) {
            String owner = need.getString(MEMBER_ID);
            if (departed.contains(owner)) {
                continue;
            }
            List<String> tags = need.getList(TAGS, String.class, List.of());
            List<String> matching = tags.stream().filter(offered::contains).toList();
            suggestions.add(new Suggestion(need.getString("_id"), owner, names.get(owner),
                    personal.text(need.getString(DESCRIPTION)),
                    tags, matching, instant(need.getDate(POSTED_AT))));
        }
        suggestions.sort(Comparator.comparing((Suggestion s) -> s.matchingTags().size()).reversed()
                .thenComparing(Suggestion::postedAt, Comparator.reverseOrder()));
        return suggestions.subList(0, Math.min(limit, suggestions.size()));
    }

    private List<Item> items(List<Document> documents) {
        return documents.stream().map(d -> new Item(d.getString("_id"), personal.text(d.getString(DESCRIPTION)),
                d.getList(TAGS, String.class, List.of()), instant(d.getDate(POSTED_AT)))).toList();
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
