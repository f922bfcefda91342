package cn.yibao.crossregion.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user of the service over HTTP Basic: password as a bcrypt hash, roles comma-separated
 * ({@link Role}).
 */
@Entity
@Table(name = "user_account")
public class UserAccount extends PanacheEntityBase {

    @Id
    public String username;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public String roles;

    public boolean hasPassword(String password) {
        return BcryptUtil.matches(password, passwordHash);
    }

    public java.util.Set<String> roleSet() {
        return java.util.Arrays.stream(roles.split(",")).map(String::trim).filter(role -> !role.isEmpty())
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Creates the user, or gives an existing one this password and these roles. */
    public static void put(String username, String password, String roles, int bcryptCost) {
        UserAccount user = findById(username);
        if (user == null) {
            user = new UserAccount();
            user.username = username;
            user.passwordHash = BcryptUtil.bcryptHash(password, bcryptCost);
            user.roles = roles;
            user.persist();
        } else {
            user.passwordHash = BcryptUtil.bcryptHash(password, bcryptCost);
            user.roles = roles;
        }
    }
}
