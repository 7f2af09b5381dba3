MATCH (person:Person { id: $personId })-[:KNOWS*1..2]-(friend:Person)
WHERE
    NOT person=friend
WITH DISTINCT friend
MATCH (friend)<-[membership:HAS_MEMBER]-(forum:Forum)
WHERE
    membership.joinDate > $minDate
WITH
    forum,
    collect(friend.id) AS friends
OPTIONAL MATCH (friend:Person)<-[:HAS_CREATOR]-(post:Post)<-[:CONTAINER_OF]-(forum)
WHERE
    list_contains(friends, friend.id)
WITH
    forum,
    count(post) AS postCount
RETURN
    forum.title AS forumName,
    postCount
ORDER BY
    postCount DESC,
    forum.id ASC
LIMIT 20
