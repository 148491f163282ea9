package io.givefirst.query.privacy;

/**
 * What one read model holds about a member, as that member sees it: one section of their export
 * ({@code GET /members/me/export}, GDPR Art. 15/20). Each read model's query side provides its own.
 */
public interface MemberData {
    /** The section's name in the export. */
    String section();

    /** Everything this read model holds about {@code memberId}, opened for them. */
    Object of(String memberId);
}
