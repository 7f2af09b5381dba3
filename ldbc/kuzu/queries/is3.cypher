MATCH (n:Person {id: $personId })-[r:KNOWS]-(friend:Person)
RETURN
    friend.id AS personId,
    friend.firstName AS firstName,
    friend.lastName AS lastName,
    r.creationDate AS friendshipCreationDate
ORDER BY
    friendshipCreationDate DESC,
    CAST(personId AS INT64) ASC
