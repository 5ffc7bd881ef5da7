"""Small-group suppression for every figure shown to HR contacts and in reports.

Health and care purchases are special-category data (GDPR art. 9): a count of fewer than
``MIN_GROUP_SIZE`` people could single someone out, so it is shown as "< 5" instead.
"""

MIN_GROUP_SIZE = 5


def suppress(count: int) -> int | str:
    """``count`` itself when it describes at least MIN_GROUP_SIZE people, else "< 5".

    Zero is suppressed too: "nobody" is as revealing as "one person" when groups are small.
    """
    if count < MIN_GROUP_SIZE:
        return f"< {MIN_GROUP_SIZE}"
    return count
