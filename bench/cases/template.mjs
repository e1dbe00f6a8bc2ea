/**
 * The floor for W5: a hand-written template string with the dialect's placeholders.
 * Nothing can build this query faster; every library's cost is measured above it.
 */
const PLACEHOLDERS = {
  sqlite: ["?", "?", "?", "?"],
  mysql: ["?", "?", "?", "?"],
  pg: ["$1", "$2", "$3", "$4"],
};

export default [
  {
    name: "template",
    packages: [],
    dialects: ["sqlite", "pg", "mysql"],
    create(dialect) {
      const [a, b, c, d] = PLACEHOLDERS[dialect];
      return {
        build: (q) => ({
          sql:
            `SELECT users.id, users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id ` +
            `WHERE users.age > ${a} AND users.name LIKE ${b} AND posts.id < ${c} ORDER BY users.id LIMIT ${d}`,
          params: [q.age, q.name, q.postId, q.limit],
        }),
        describe: (r) => r,
      };
    },
  },
];
